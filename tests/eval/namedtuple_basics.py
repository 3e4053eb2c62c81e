# collections.namedtuple builds its __new__ with eval().
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), p._fields, Point.__name__)
print(p._replace(x=10), p._asdict(), Point._make([3, 4]), tuple(p))
x, y = p
print(x + y, p == (1, 2), hash(p) == hash((1, 2)))
P3 = namedtuple("P3", "a b c", defaults=[0, 1])
print(P3(5), P3(5, 6, 7), P3._field_defaults)
R = namedtuple("R", "def class ok", rename=True)
print(R._fields)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    namedtuple("Bad", "a a")
except ValueError as e:
    print("ValueError:", e)


class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()

    def norm2(self):
        return self.x * self.x + self.y * self.y


print(Vec(3, 4).norm2(), Vec(3, 4), Point.__new__.__doc__)
