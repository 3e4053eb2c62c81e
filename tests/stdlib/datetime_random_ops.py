# A seeded pseudo-random mix of datetime operations (timedelta arithmetic, datetime +/- and comparisons,
# isoformat/fromisoformat round trips, strftime, calendar queries, fixed-offset zones), compared with CPython.
from datetime import date, datetime, time, timedelta, timezone

state = [987654321]
def rnd(n):
    state[0] = (state[0] * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state[0] >> 33) % n

def rint(lo, hi):
    return lo + rnd(hi - lo + 1)

def rfloat(scale):
    return (rnd(2000001) - 1000000) / 1000000 * scale

def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

def rtd():
    k = rnd(4)
    if k == 0:
        return timedelta(days=rint(-3000, 3000), seconds=rint(-100000, 100000), microseconds=rint(-10**7, 10**7))
    if k == 1:
        return timedelta(hours=rfloat(1000), minutes=rint(-500, 500), milliseconds=rfloat(5000))
    if k == 2:
        return timedelta(weeks=rfloat(10), seconds=rfloat(1e5), microseconds=rfloat(1e3))
    return timedelta(microseconds=rint(-10**12, 10**12))

def rdt():
    y = rint(1, 9999)
    m = rint(1, 12)
    d = rint(1, 28)
    tz = None
    k = rnd(4)
    if k == 1:
        tz = timezone.utc
    elif k == 2:
        tz = timezone(timedelta(minutes=rint(-1439, 1439)))
    return datetime(y, m, d, rint(0, 23), rint(0, 59), rint(0, 59), rint(0, 999999) if rnd(2) else 0, tz)

specs = ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]
fmts = ["%Y-%m-%d %H:%M:%S.%f", "%a %b %d %j %U %W %w", "%z|%:z|%Z", "%y %I %p %%", "%G %V %u"]
for i in range(250):
    a, b = rtd(), rtd()
    n = rint(-1000, 1000)
    f = rfloat(100)
    show("td", lambda: (a, str(a), a.total_seconds()))
    show("td+-", lambda: (a + b, a - b, -a, abs(b)))
    show("td*", lambda: (a * n, n * b, a * f))
    show("td/", lambda: (a / b, a // b, a % b, divmod(a, b)))
    show("td/n", lambda: (a / n, a // n, a / f))
    show("tdcmp", lambda: (a < b, a == b, a >= b, hash(a) == hash(b + a - b)))
    x, y = rdt(), rdt()
    show("dt", lambda: (x, str(x), x.isoformat(specs[rnd(6)]), x.isoformat(" ", specs[rnd(6)])))
    show("dt+", lambda: (x + a, x - b))
    show("dt-", lambda: x - y)
    show("dtcmp", lambda: (x < y, x == y, x != y, x >= y))
    show("dtf", lambda: x.strftime(fmts[rnd(len(fmts))]))
    show("dtcal", lambda: (x.weekday(), x.isoweekday(), tuple(x.isocalendar()), x.toordinal(), x.timetuple()))
    show("dtrt", lambda: datetime.fromisoformat(x.isoformat(specs[rnd(6)])) )
    show("dtd", lambda: (x.date(), x.time(), x.timetz(), x.ctime()))
    show("dtastz", lambda: x.astimezone(timezone(timedelta(hours=rint(-23, 23)))) if x.tzinfo else None)
    show("dtts", lambda: x.timestamp() if x.tzinfo else None)
    show("dtutc", lambda: x.utctimetuple())
    show("dtrep", lambda: x.replace(day=rint(1, 31)))
    o = rint(1, 3652059)
    show("ord", lambda: (date.fromordinal(o), date.fromordinal(o).isocalendar()))
    show("dadd", lambda: date.fromordinal(o) + a)
    show("dsub", lambda: date.fromordinal(o) - date.fromordinal(rint(1, 3652059)))
    t = time(rint(0, 23), rint(0, 59), rint(0, 59), rint(0, 999999) if rnd(2) else 0)
    show("time", lambda: (t, t.isoformat(specs[rnd(6)]), time.fromisoformat(t.isoformat()), t < time(12)))
    show("ts", lambda: datetime.fromtimestamp(rfloat(1e10), timezone.utc))
    show("uts", lambda: datetime.fromtimestamp(rint(-10**10, 10**10) / 1000, timezone(timedelta(hours=5))))
    show("tz", lambda: (timezone(timedelta(seconds=rint(-86399, 86399))), timezone(timedelta(seconds=rint(-86399, 86399))).tzname(None)))
    show("fiso", lambda: date.fromisocalendar(rint(1, 9999), rint(1, 53), rint(1, 7)))
