# Calendar math: ordinals, weekdays, ISO calendar, timetuple, day-of-year across many dates.
from datetime import date, datetime, time, timedelta

print(date(1, 1, 1).toordinal(), date(9999, 12, 31).toordinal(), date(2024, 2, 29).toordinal())
ic = date(2021, 1, 1).isocalendar()
print(ic, repr(ic), ic.year, ic.week, ic.weekday, ic[0], tuple(ic), type(ic).__name__, len(ic))
y, w, d = date(2008, 12, 29).isocalendar()
print(y, w, d, ic == (2020, 53, 5), ic._fields if hasattr(ic, "_fields") else None)
print(datetime(2021, 1, 1, 5).isocalendar(), date(2021, 1, 1).timetuple(), datetime(2021, 3, 1, 4, 5, 6).timetuple())
print(date(2021, 12, 31).timetuple().tm_yday, date(2020, 12, 31).timetuple().tm_yday)
print(date.fromordinal(1), date.fromordinal(730120), datetime.fromordinal(730120), repr(datetime.fromordinal(5)))
print(date(2020, 1, 1).year, date(2020, 1, 1).month, date(2020, 1, 1).day)
dt = datetime(2020, 1, 2, 3, 4, 5, 6)
print(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, dt.fold, dt.tzinfo)
t = time(3, 4, 5, 6)
print(t.hour, t.minute, t.second, t.microsecond, t.fold, t.tzinfo, bool(time(0)), bool(t))
total = 0
o = 1
while o < 3652059:
    dd = date.fromordinal(o)
    assert dd.toordinal() == o
    iy, iw, iday = dd.isocalendar()
    assert date.fromisocalendar(iy, iw, iday) == dd
    total += dd.weekday() * 3 + dd.isoweekday() + iw + dd.timetuple().tm_yday
    if o % 250007 == 1:
        print(dd, dd.weekday(), dd.isoweekday(), dd.isocalendar(), dd.timetuple().tm_yday, dd.ctime())
    o += 997
print(total)
for yr in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999):
    print(yr, date(yr, 12, 31).timetuple().tm_yday, date(yr, 1, 1).weekday(), date(yr, 12, 28).isocalendar())
print(datetime.combine(date(2000, 1, 1), time(12)).toordinal(), datetime(2000, 1, 1, 23, 59).weekday())
