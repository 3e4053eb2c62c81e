# pickle and copy of the datetime types (and of subclasses).
import copy
import pickle
from datetime import date, time, datetime, timedelta, timezone, tzinfo


class Fixed(tzinfo):
    def __init__(self, minutes=0):
        self.minutes = minutes
    def utcoffset(self, dt):
        return timedelta(minutes=self.minutes)
    def __repr__(self):
        return f"Fixed({self.minutes})"


class MyDate(date):
    pass


objs = [
    date(2020, 2, 29), time(1, 2, 3, 4), time(1, 2, 3, 4, timezone.utc, fold=1),
    datetime(2020, 2, 29, 1, 2, 3, 4), datetime(2020, 2, 29, 1, 2, 3, 4, fold=1),
    datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=-3), "X")), timedelta(-1, 5, 7),
    timezone.utc, timezone(timedelta(minutes=30)), datetime(2020, 1, 1, tzinfo=Fixed(90)),
    MyDate(1999, 12, 31), datetime.max, date.min, time.max,
]
for o in objs:
    for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(o, proto))
        assert r == o and type(r) is type(o), (o, proto, r)
    print(repr(o), repr(copy.copy(o)), repr(copy.deepcopy(o)), type(copy.copy(o)).__name__)
print(date(2020, 2, 29).__reduce__())
print(datetime(2020, 2, 29, 1, 2, 3, 4).__reduce__())
print(datetime(2020, 2, 29, 1, 2, 3, 4, fold=1).__reduce_ex__(2))
print(datetime(2020, 2, 29, 1, 2, 3, 4, fold=1).__reduce_ex__(4))
print(time(1, 2, 3, 4, timezone.utc).__reduce__())
print(time(1, 2, 3, 4, fold=1).__reduce_ex__(4))
print(timedelta(1, 2, 3).__reduce__())
print(timezone.utc.__reduce__(), timezone(timedelta(hours=1), "A").__reduce__())
print(datetime(2020, 1, 1, tzinfo=Fixed(5)).__reduce__()[1][1])
print(date(*date(2020, 2, 29).__reduce__()[1]), repr(datetime(*datetime(2020, 2, 29, 1).__reduce__()[1])))
print(repr(datetime(b'\x07\xe4\x02\x1d\x01\x02\x03\x00\x00\x04')), repr(date(b'\x07\xe4\x02\x1d')), repr(time(b'\x01\x02\x03\x00\x00\x04')))
print(repr(time(b'\x81\x02\x03\x00\x00\x04', timezone.utc)))
tz = Fixed(30)
d = datetime(2020, 1, 1, tzinfo=tz)
dc = copy.deepcopy(d)
print(dc, dc.tzinfo is tz, copy.copy(d).tzinfo is tz, pickle.loads(pickle.dumps(d)).tzinfo.minutes)
print(pickle.loads(pickle.dumps(timezone.utc)) is timezone.utc)
print(len(pickle.dumps(datetime(2020, 1, 1), 4)) > 0, pickle.dumps(date(2020, 1, 1), 0))
print(pickle.dumps(timedelta(1), 0), pickle.dumps(datetime(2020, 1, 1, 1), 2))
