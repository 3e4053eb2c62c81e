# Struct sequences through time.struct_time: names, repr, pickling protocol, constructor checks.
import time

T = time.struct_time
print(T, T.__name__, T.__module__, T.__bases__, T.n_fields, T.n_sequence_fields, T.n_unnamed_fields)
print(T.__match_args__)
print(type(T.tm_year).__name__)
s = T((2000, 1, 2, 3, 4, 5, 6, 7, 0))
print(s, s.tm_zone, s.tm_gmtoff, len(s), s[2], s[-1], s[::3])
print(s.__reduce__())
r = s.__reduce__()
print(r[0](*r[1]) == s, r[0](*r[1]).tm_zone)
s2 = T([1] * 9, {"tm_zone": "X", "tm_year": 5, "tm_gmtoff": 60})
print(s2, s2.tm_zone, s2.tm_gmtoff, s2.tm_year)
print(T(range(11)).tm_gmtoff, T(range(10)).tm_zone, T(range(10)).tm_gmtoff)
print(s == tuple(s), hash(s) == hash(tuple(s)), s + (1,), isinstance(s, tuple))
for bad in [((1, 2),), (tuple(range(12)),), (5,), ([1] * 9, 5), ()]:
    try:
        T(*bad)
    except TypeError as e:
        print("TypeError", e)
for attr in ["tm_year", "tm_zone"]:
    try:
        setattr(s, attr, 1)
    except AttributeError as e:
        print("AttributeError", e)
print(repr(s) == str(s), f"{s!r}"[:20])
a, b, *rest = s
print(a, b, rest)
print(sorted([T(range(9)), T(range(1, 10))])[0].tm_year)
