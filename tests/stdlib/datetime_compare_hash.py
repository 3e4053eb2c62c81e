# Comparisons and hashing of the datetime types.
from datetime import date, time, datetime, timedelta, timezone, tzinfo

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))

d1, d2 = date(2020, 1, 1), date(2020, 1, 2)
print(d1 < d2, d1 <= d2, d1 == d2, d1 != d2, d1 > d2, d1 >= d2, d1 == date(2020, 1, 1))
print(sorted([d2, d1, date(1999, 5, 5)]))
print(hash(d1) == hash(date(2020, 1, 1)), len({d1, date(2020, 1, 1), d2}))
attempt("date < int", lambda: d1 < 5)
attempt("date == int", lambda: d1 == 5)
attempt("date < datetime", lambda: d1 < datetime(2020, 1, 1))
attempt("date == datetime", lambda: d1 == datetime(2020, 1, 1))
attempt("datetime == date", lambda: datetime(2020, 1, 1) == d1)
attempt("datetime < date", lambda: datetime(2020, 1, 1) < d1)
u = timezone.utc
e5 = timezone(timedelta(hours=-5))
a = datetime(2020, 6, 1, 12, tzinfo=u)
b = datetime(2020, 6, 1, 7, tzinfo=e5)
n = datetime(2020, 6, 1, 12)
attempt("aware == aware", lambda: a == b)
attempt("aware hash", lambda: hash(a) == hash(b))
attempt("aware < aware", lambda: a < b)
attempt("aware == naive", lambda: a == n)
attempt("aware != naive", lambda: a != n)
attempt("aware < naive", lambda: a < n)
attempt("naive >= aware", lambda: n >= a)
attempt("fold eq", lambda: datetime(2020, 1, 1, fold=1) == datetime(2020, 1, 1))
attempt("fold hash", lambda: hash(datetime(2020, 1, 1, fold=1)) == hash(datetime(2020, 1, 1)))
attempt("time eq", lambda: time(1, 2) == time(1, 2, 0))
attempt("time lt", lambda: time(1, 2) < time(1, 2, 0, 1))
attempt("time aware eq", lambda: time(12, tzinfo=u) == time(7, tzinfo=e5))
attempt("time aware lt", lambda: time(12, tzinfo=u) < time(8, tzinfo=e5))
attempt("time aware hash", lambda: hash(time(12, tzinfo=u)) == hash(time(7, tzinfo=e5)))
attempt("time naive aware eq", lambda: time(12) == time(12, tzinfo=u))
attempt("time naive aware lt", lambda: time(12) < time(12, tzinfo=u))
attempt("time fold hash", lambda: hash(time(1, fold=1)) == hash(time(1)))
attempt("td eq", lambda: timedelta(hours=24) == timedelta(days=1))
attempt("td hash", lambda: hash(timedelta(hours=24)) == hash(timedelta(days=1)))
attempt("td lt", lambda: timedelta(-1) < timedelta(0))
attempt("td == int", lambda: timedelta(0) == 0)
attempt("td < int", lambda: timedelta(0) < 0)
attempt("tz eq", lambda: timezone(timedelta(hours=1), "A") == timezone(timedelta(hours=1), "B"))
attempt("tz hash", lambda: hash(timezone(timedelta(hours=1), "A")) == hash(timezone(timedelta(hours=1))))
attempt("tz eq other", lambda: timezone.utc == 0)
attempt("tz lt", lambda: timezone.utc < timezone.utc)
attempt("dict keys", lambda: {datetime(2020, 1, 1): 1, datetime(2020, 1, 1, 0, 0, 0, 0): 2})
attempt("td sort", lambda: sorted([timedelta(1), timedelta(-1), timedelta(0, 1)]))
attempt("min key", lambda: min([datetime(2020, 1, 2), datetime(2020, 1, 1, 23)]))


class Fixed(tzinfo):
    def __init__(self, h):
        self.h = h
    def utcoffset(self, dt):
        return timedelta(hours=self.h)
    def dst(self, dt):
        return timedelta(0)


class NoneTz(tzinfo):
    def utcoffset(self, dt):
        return None


p1, p2 = Fixed(1), Fixed(2)
attempt("user tz eq", lambda: datetime(2020, 1, 1, 1, tzinfo=p1) == datetime(2020, 1, 1, 2, tzinfo=p2))
attempt("user tz hash", lambda: hash(datetime(2020, 1, 1, 1, tzinfo=p1)) == hash(datetime(2020, 1, 1, 2, tzinfo=p2)))
attempt("same tz compare", lambda: datetime(2020, 1, 1, 1, tzinfo=p1) < datetime(2020, 1, 1, 2, tzinfo=p1))
attempt("none tz is naive", lambda: datetime(2020, 1, 1, tzinfo=NoneTz()) == datetime(2020, 1, 1))
attempt("none tz vs aware", lambda: datetime(2020, 1, 1, tzinfo=NoneTz()) < datetime(2020, 1, 1, tzinfo=p1))
attempt("none tz hash", lambda: hash(datetime(2020, 1, 1, tzinfo=NoneTz())) == hash(datetime(2020, 1, 1)))
attempt("date hash stable", lambda: [hash(timedelta(1, 2, 3)) == hash(timedelta(1, 2, 3))])
