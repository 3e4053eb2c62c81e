# namedtuple (_make, _replace, _asdict, defaults, rename, module, subclassing) and typing.NamedTuple, as an
# unseen program would use them.
from collections import namedtuple
import typing

Card = namedtuple("Card", "rank suit")
deck = [Card(r, s) for s in "SH" for r in ("A", "K")]
print(deck, deck[0].rank, deck[-1][1])
print(Card._make(["Q", "D"]), Card._fields, Card._field_defaults)
c = Card("J", "C")
print(c._replace(suit="S"), c._asdict(), dict(c._asdict()), c)
try:
    c._replace(color="red")
except ValueError as e:
    print("ValueError:", e)
try:
    Card._make([1])
except TypeError as e:
    print("TypeError:", e)

Pt3 = namedtuple("Pt3", ["x", "y", "z"], defaults=[0, 0])
print(Pt3(1), Pt3(1, 2, 3), Pt3._field_defaults, Pt3.__new__.__defaults__)
try:
    Pt3()
except TypeError as e:
    print("TypeError:", e)

R = namedtuple("R", ["a", "def", "a", "_b", "1x", "ok"], rename=True)
print(R._fields, R(1, 2, 3, 4, 5, 6))
try:
    namedtuple("Bad", ["a", "def"])
except ValueError as e:
    print("ValueError:", e)
try:
    namedtuple("Bad", ["a", "a"])
except ValueError as e:
    print("ValueError:", e)
try:
    namedtuple("Bad", ["_a"])
except ValueError as e:
    print("ValueError:", e)

M = namedtuple("M", "a, b", module="mymod")
print(M.__module__, M.__doc__, M.a.__doc__, M.__name__, M.__qualname__)

class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    @property
    def norm(self):
        return abs(self.x) + abs(self.y)

v = Vec(1, 2) + Vec(3, -4)
print(v, v.norm, isinstance(v, tuple), len(v), v == (4, -2), hash(v) == hash((4, -2)))
x, y = v
print(x, y, sorted([Vec(2, 1), Vec(1, 5)]), max(Vec(2, 1), Vec(1, 5)))
print(Card(1, 2) < Card(1, 3), Card(*"ab"), tuple(Card("a", "b")) + (1,))
import pickle, copy
print(copy.copy(c), copy.deepcopy(c) == c)

class Emp(typing.NamedTuple):
    name: str
    dept: str = "eng"
    salary: float = 100.0
    def raise_(self, pct):
        return self._replace(salary=round(self.salary * (1 + pct / 100), 2))

e = Emp("ann")
print(e, e.raise_(10), Emp._fields, Emp._field_defaults, Emp.__annotations__)
print(Emp("bob", salary=1)._asdict())
E2 = typing.NamedTuple("E2", [("a", int), ("b", str)])
print(E2(1, "x"), E2.__annotations__)
print(repr(Card), Card.__doc__, Emp.__doc__)
print(Card.__match_args__)
match Card("A", "S"):
    case Card(rank, "S"):
        print("spade", rank)
