# isoformat, str, repr, strftime and __format__ of the datetime types.
from datetime import date, time, datetime, timedelta, timezone

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))

d = date(2021, 7, 4)
dt = datetime(2021, 7, 4, 9, 5, 3, 1234)
t = time(9, 5, 3, 1234)
ist = timezone(timedelta(hours=5, minutes=30), "IST")
odd = timezone(timedelta(hours=-3, minutes=-7, seconds=-9, microseconds=-11))
print(d, repr(d), d.isoformat(), str(d), d.ctime())
print(dt, repr(dt), dt.isoformat(), dt.isoformat(" "), dt.ctime())
print(t, repr(t), t.isoformat())
print(datetime(2021, 7, 4), repr(datetime(2021, 7, 4)), repr(datetime(2021, 7, 4, 1)), repr(datetime(2021, 7, 4, 1, 2, 3)))
print(repr(time(0)), repr(time(1, 2, 3)), repr(time(1, 2, 0, 5)), repr(time(1, tzinfo=ist)), repr(time(1, fold=1, tzinfo=ist)))
print(dt.replace(tzinfo=ist), repr(dt.replace(tzinfo=ist)), dt.replace(tzinfo=odd).isoformat())
print(t.replace(tzinfo=ist), t.replace(tzinfo=odd))
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]:
    print(spec, dt.isoformat(timespec=spec), dt.replace(microsecond=0).isoformat(timespec=spec), t.isoformat(spec))
attempt("bad timespec", lambda: dt.isoformat(timespec="nanos"))
attempt("bad timespec time", lambda: t.isoformat(timespec="x"))
attempt("bad sep", lambda: dt.isoformat("ab"))
attempt("sep kw", lambda: dt.isoformat(sep="T"))
attempt("sep unicode", lambda: dt.isoformat("\u00e9"))
print(date(5, 1, 1), datetime(5, 1, 1, 1), date(999, 12, 31).isoformat())
fmts = ["%Y-%m-%d %H:%M:%S", "%f", "%z", "%Z", "%:z", "%a %A %b %B %j %U %W %w %y %p %I", "%%f %%z", "%c", "%x %X",
        "100%", "%", "%G-W%V-%u", "literal", "", "%e %k", "%Y%%%m"]
for f in fmts:
    print(repr(f), repr(d.strftime(f)), repr(dt.strftime(f)), repr(t.strftime(f)))
    print(repr(f), repr(dt.replace(tzinfo=ist).strftime(f)), repr(dt.replace(tzinfo=odd).strftime(f)), repr(t.replace(tzinfo=timezone.utc).strftime(f)))
print(format(d), format(dt), format(t), format(d, ""), format(dt, "%Y/%m"), format(t, "%H"))
print(f"{d:%d.%m.%Y} {dt:%H:%M} {t} {dt!r}")
attempt("format int", lambda: format(d, 5))
attempt("strftime int", lambda: d.strftime(5))
attempt("year 1 strftime", lambda: date(1, 2, 3).strftime("%Y %y %C"))
print(str(timedelta(days=3, hours=4)), str(timedelta(0)), format(timedelta(hours=1)), f"{timedelta(seconds=61)!s:>12}")
print(str(timezone.utc), repr(timezone.utc), str(ist), repr(ist), str(odd), repr(odd), str(timezone(timedelta(0), "Z")))
print(ist.tzname(None), odd.tzname(None), timezone(timedelta(hours=-2)).tzname(None), timezone.utc.tzname(None))
print(timezone(timedelta(minutes=90)).utcoffset(None), ist.dst(None), ist.utcoffset(dt))
