# User tzinfo subclasses and timezone: utcoffset/dst/tzname, validation errors, astimezone, fromutc.
import warnings
from datetime import date, time, datetime, timedelta, timezone, tzinfo

warnings.simplefilter("ignore", DeprecationWarning)

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


class FixedOffset(tzinfo):
    def __init__(self, minutes, name):
        self._offset = timedelta(minutes=minutes)
        self._name = name
    def utcoffset(self, dt):
        return self._offset
    def tzname(self, dt):
        return self._name
    def dst(self, dt):
        return timedelta(0)
    def __repr__(self):
        return f"FixedOffset({self._name})"


class UTC(tzinfo):
    def utcoffset(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return "UTC"
    def dst(self, dt):
        return timedelta(0)


class Bad(tzinfo):
    def __init__(self, off=None, dst=None, name=None):
        self.off, self.d, self.name = off, dst, name
    def utcoffset(self, dt):
        return self.off
    def dst(self, dt):
        return self.d
    def tzname(self, dt):
        return self.name


class Eastern(tzinfo):
    # A toy US-Eastern zone with DST from April to October, to exercise fromutc.
    def utcoffset(self, dt):
        return timedelta(hours=-5) + self.dst(dt)
    def dst(self, dt):
        if dt is None or dt.tzinfo is None:
            return timedelta(0)
        return timedelta(hours=1) if 4 <= dt.month <= 10 else timedelta(0)
    def tzname(self, dt):
        return "EDT" if self.dst(dt) else "EST"


f = FixedOffset(-90, "X")
dt = datetime(2021, 7, 4, 12, 0, tzinfo=f)
print(dt, repr(dt), dt.utcoffset(), dt.dst(), dt.tzname(), dt.isoformat(), dt.strftime("%z %Z %:z"))
print(dt.timetz(), dt.time(), dt.date(), dt.timetz().utcoffset(), dt.timetz().tzname())
print(dt.astimezone(timezone.utc), dt.astimezone(UTC()), dt.astimezone(FixedOffset(60, "Y")))
print(dt.astimezone(timezone.utc).astimezone(f) == dt, dt.timestamp())
print(datetime.fromtimestamp(1625400000, tz=f), datetime.fromtimestamp(1625400000.5, timezone.utc))
print(datetime.fromtimestamp(0, UTC()), datetime.fromtimestamp(-1.25, timezone.utc))
print(datetime.utcfromtimestamp(1625400000), datetime.utcfromtimestamp(1.000001))
print(datetime(1970, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc).timestamp())
print(dt.utctimetuple(), dt.timetuple())
print(datetime(2021, 7, 4).utcoffset(), datetime(2021, 7, 4).tzname(), datetime(2021, 7, 4).dst())
print(time(1, tzinfo=f).utcoffset(), time(1, tzinfo=f).dst(), time(1).tzname())
attempt("offset not td", lambda: datetime(2021, 1, 1, tzinfo=Bad(off=5)).utcoffset())
attempt("offset too big", lambda: datetime(2021, 1, 1, tzinfo=Bad(off=timedelta(hours=24))).utcoffset())
attempt("offset sub-min", lambda: datetime(2021, 1, 1, tzinfo=Bad(off=timedelta(seconds=30))).utcoffset())
attempt("offset us", lambda: datetime(2021, 1, 1, tzinfo=Bad(off=timedelta(microseconds=30))).utcoffset())
attempt("dst not td", lambda: datetime(2021, 1, 1, tzinfo=Bad(dst="x")).dst())
attempt("dst too big", lambda: datetime(2021, 1, 1, tzinfo=Bad(dst=timedelta(days=2))).dst())
attempt("tzname not str", lambda: datetime(2021, 1, 1, tzinfo=Bad(name=5)).tzname())
attempt("tzname none", lambda: datetime(2021, 1, 1, tzinfo=Bad()).tzname())
attempt("base utcoffset", lambda: tzinfo().utcoffset(None))
attempt("base dst", lambda: tzinfo().dst(None))
attempt("base tzname", lambda: tzinfo().tzname(None))
attempt("base fromutc", lambda: tzinfo().fromutc(datetime(2020, 1, 1)))
attempt("fromutc wrong tz", lambda: f.fromutc(datetime(2020, 1, 1, tzinfo=UTC())))
attempt("fromutc naive", lambda: f.fromutc(datetime(2020, 1, 1)))
attempt("fromutc not dt", lambda: f.fromutc(5))
attempt("fromutc ok", lambda: f.fromutc(datetime(2020, 1, 1, tzinfo=f)))
attempt("fromutc none offset", lambda: Bad().fromutc(datetime(2020, 1, 1, tzinfo=Bad())))
attempt("fromutc none dst", lambda: Bad(off=timedelta(0)).fromutc(datetime(2020, 1, 1, tzinfo=Bad(off=timedelta(0)))))
e = Eastern()
for m in (1, 4, 7, 11):
    u = datetime(2021, m, 15, 12, tzinfo=timezone.utc)
    loc = u.astimezone(e)
    print(m, loc, loc.tzname(), loc.utcoffset(), loc.dst(), loc.astimezone(timezone.utc) == u)
attempt("astimezone naive same", lambda: datetime(2021, 1, 1, tzinfo=f).astimezone(f))
attempt("astimezone bad arg", lambda: dt.astimezone(5))
attempt("astimezone none offset", lambda: datetime(2021, 1, 1, tzinfo=Bad()).astimezone(timezone.utc).tzinfo)
tz = timezone(timedelta(hours=3), "MSK")
print(tz.utcoffset(None), tz.dst(None), tz.tzname(None), tz.fromutc(datetime(2020, 1, 1, tzinfo=tz)))
attempt("tz utcoffset bad", lambda: tz.utcoffset(5))
attempt("tz fromutc wrong", lambda: tz.fromutc(datetime(2020, 1, 1, tzinfo=timezone.utc)))
attempt("tz fromutc naive", lambda: tz.fromutc(datetime(2020, 1, 1)))
attempt("tz fromutc bad", lambda: tz.fromutc(5))
print(timezone.utc is timezone(timedelta(0)), timezone(timedelta(0), "UTC") is timezone.utc)
print(timezone.utc.utcoffset(None), timezone(timedelta(hours=-1)).tzname(None), tz.__getinitargs__(), timezone.utc.__getinitargs__())
print(isinstance(timezone.utc, tzinfo), issubclass(timezone, tzinfo))
attempt("subclass timezone", lambda: type("T", (timezone,), {}))
attempt("time utcoffset with dt None", lambda: time(1, tzinfo=e).utcoffset())
