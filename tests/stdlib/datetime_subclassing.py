# Python subclasses of date, datetime, time, timedelta and tzinfo.
from datetime import date, time, datetime, timedelta, timezone, tzinfo

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


class MyDate(date):
    def __new__(cls, y, m, d, extra="x"):
        self = super().__new__(cls, y, m, d)
        self.extra = extra
        return self
    def describe(self):
        return f"{self.year}/{self.month}/{self.day} {self.extra}"


class MyDT(datetime):
    label = "my"
    def __add__(self, other):
        r = super().__add__(other)
        return r


class Plain(datetime):
    pass


class MyTD(timedelta):
    def __repr__(self):
        return "MyTD" + super().__repr__()


class MyTime(time):
    pass


class UTC(tzinfo):
    def utcoffset(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return "UTC"
    def dst(self, dt):
        return timedelta(0)


md = MyDate(2020, 5, 17, "hello")
print(md, repr(md), md.describe(), type(md).__name__, isinstance(md, date))
attempt("subclass + td", lambda: type(md + timedelta(1)).__name__)
attempt("subclass replace", lambda: (type(md.replace(day=1)).__name__, md.replace(day=1)))
attempt("subclass fromordinal", lambda: type(MyDate.fromordinal(737000)).__name__)
attempt("subclass today type", lambda: type(Plain.now()).__name__)
p = Plain(2020, 1, 2, 3, 4, 5)
print(repr(p), str(p), p.label if hasattr(p, "label") else "-", type(p + timedelta(1)).__name__)
print(type(p - timedelta(1)).__name__, type(p - p).__name__, type(p.replace(year=2021)).__name__)
print(repr(Plain.fromisoformat("2020-01-02T03:04")), repr(Plain.fromtimestamp(0, timezone.utc)))
print(repr(Plain.combine(date(2020, 1, 1), time(5))), repr(Plain.strptime("2020-03-04", "%Y-%m-%d")))
print(type(p.astimezone(timezone.utc)).__name__, type(p.date()).__name__, type(p.time()).__name__)
m = MyDT(2021, 1, 1, 12)
print(repr(m), m.label, type(m + timedelta(hours=1)).__name__, repr(m + timedelta(hours=1)))
print(m == datetime(2021, 1, 1, 12), hash(m) == hash(datetime(2021, 1, 1, 12)), m > datetime(2020, 1, 1))
td = MyTD(days=1, seconds=5)
print(repr(td), str(td), type(td + td).__name__, type(-td).__name__, type(td * 2).__name__, td.total_seconds())
print(repr(MyTime(1, 2)), type(MyTime(1, 2).replace(hour=3)).__name__)
u = UTC()
dt = datetime(2020, 1, 1, tzinfo=u)
print(dt, dt.tzname(), dt.utcoffset(), dt.astimezone(timezone(timedelta(hours=2))))
print(isinstance(u, tzinfo), type(u).__mro__[1].__name__)


class Attrs(date):
    pass


a = Attrs(2020, 1, 1)
a.note = "n"
print(a.note, vars(a))
attempt("date attr", lambda: setattr(date(2020, 1, 1), "x", 1))
attempt("date year set", lambda: setattr(date(2020, 1, 1), "year", 1))
attempt("td days set", lambda: setattr(timedelta(1), "days", 1))


class WithInit(datetime):
    def __init__(self, *args, **kwargs):
        self.inited = True


w = WithInit(2020, 2, 3, 4)
print(repr(w), w.inited)


class Slots(date):
    __slots__ = ("tag",)


s = Slots(2000, 1, 1)
s.tag = 5
print(s.tag, repr(s))
print(date.__new__(MyDate, 2000, 1, 1).year, datetime.__new__(Plain, 2000, 1, 1).year)
attempt("new wrong type", lambda: date.__new__(int, 2000, 1, 1))
print(MyDate.__mro__[-2].__name__, Plain.__mro__[1:])
