# OrderedDict equality (order-sensitive only between OrderedDicts), repr, and the | operators.
from collections import OrderedDict

a = OrderedDict([("x", 1), ("y", 2)])
b = OrderedDict([("y", 2), ("x", 1)])
d = {"y": 2, "x": 1}
print(a == b, a != b, a == d, d == a, a != d, b == d, a == dict(a))
print(a == OrderedDict(a), a.keys() == b.keys(), a.items() == b.items())
print(a == [("x", 1), ("y", 2)], a != 5)


class Sub(OrderedDict):
    pass


s = Sub(b)
print(s == b, s == a, a == s, s == d, repr(s), repr(Sub()))
print(repr(OrderedDict()), repr(a), str(a))
r = OrderedDict()
r["self"] = r
r["k"] = [r]
print(r)
print(repr(r.keys()), repr(r.values())[:20])
v = OrderedDict(a=1)
v["view"] = v.keys()
print(v)
print(a | b, b | a, a | d, d | a)
print(type(a | d).__name__, type(d | a).__name__, type(s | a).__name__, type(a | s).__name__, type(d | s).__name__)
try:
    a | [("z", 3)]
except TypeError as e:
    print("TypeError", e)
c = OrderedDict(a)
c |= [("z", 3), ("x", 9)]
c |= {"w": 0}
print(c)
print(hash(OrderedDict.__hash__) if OrderedDict.__hash__ else "unhashable")
try:
    hash(a)
except TypeError as e:
    print("TypeError", e)
