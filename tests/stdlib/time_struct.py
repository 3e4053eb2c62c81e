# time: gmtime/localtime/mktime and struct_time, with fixed timestamps.
import time

for t in [0, 1, -1, 86399, 951782400, 1000000000, 1700000000, 2 ** 31, -(2 ** 31), 10 ** 11, -(10 ** 11), 1.9, -1.5]:
    g = time.gmtime(t)
    print(t, g, g.tm_zone, g.tm_gmtoff)
g = time.gmtime(1234567890)
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday, g.tm_isdst)
print(g[0], g[-1], g[1:4], len(g), list(g), tuple(g), g == tuple(g), isinstance(g, tuple), hash(g) == hash(tuple(g)))
print(type(g), type(g).__name__, time.struct_time.n_fields, time.struct_time.n_sequence_fields, time.struct_time.n_unnamed_fields)
s = time.struct_time((2000, 1, 1, 12, 30, 0, 5, 1, 0))
print(s, s.tm_zone, s.tm_gmtoff)
s = time.struct_time((2000, 1, 1, 12, 30, 0, 5, 1, 0, "XYZ", 3600))
print(s, s.tm_zone, s.tm_gmtoff, len(s))
print(time.struct_time([2001, 2, 3, 4, 5, 6, 0, 34, -1]))
for bad in [(1, 2), tuple(range(12)), 5]:
    try:
        time.struct_time(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    g.tm_year = 5
except AttributeError as e:
    print("AttributeError", e)
# localtime and mktime invert each other, whatever the machine's zone.
for t in [0, 1000000000, 1700000000, 1234567890, -1000000]:
    lt = time.localtime(t)
    print(t, time.mktime(lt) == t, lt.tm_gmtoff == -(time.altzone if lt.tm_isdst else time.timezone))
print(time.mktime(time.localtime(1700000000.7)), time.mktime((2000, 1, 1, 0, 0, 0, 0, 1, 0)) - time.mktime((1999, 12, 31, 0, 0, 0, 0, 365, 0)))
print(type(time.timezone).__name__, type(time.altzone).__name__, time.daylight in (0, 1), len(time.tzname))
print(time.localtime().tm_year >= 2024, time.gmtime().tm_year >= 2024, time.gmtime(None)[0] >= 2024)
