# dataclasses with every option (order, frozen, slots, kw_only, KW_ONLY, InitVar, __post_init__, field options,
# asdict/astuple/replace, inheritance, make_dataclass), as an unseen program would use them.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, InitVar, FrozenInstanceError, KW_ONLY, is_dataclass
from typing import ClassVar, List, Optional
import dataclasses

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    label: str = field(default="", compare=False)

vs = [Version(1, 2, 3), Version(1, 0), Version(0, 9, 9, "beta"), Version(1, 2, 3, "rc")]
print(sorted(vs))
print(Version(1, 2) < Version(1, 3), Version(1, 2, 3) == Version(1, 2, 3, "x"), max(vs))

@dataclass(frozen=True)
class Point:
    x: float
    y: float = 0.0
    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

p = Point(3, 4)
print(p, p.dist(), hash(p) == hash(Point(3, 4)), {p: 1}[Point(3.0, 4.0)])
try:
    p.x = 5
except FrozenInstanceError as e:
    print("frozen:", type(e).__name__, e)
try:
    del p.y
except dataclasses.FrozenInstanceError as e:
    print("frozen del:", e)
print(replace(p, y=10), asdict(p), astuple(p))

@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(init=False, default=0)
    registry: ClassVar[int] = 0
    def add(self, item, n=1):
        self.items.append(item)
        self.counts[item] = self.counts.get(item, 0) + n
        self.total += n

a, b = Inventory("a"), Inventory("b")
a.add("x"); a.add("y", 3); b.add("z")
print(a, b, a.counts, a.total, Inventory.registry)
print([f.name for f in fields(Inventory)], is_dataclass(a), is_dataclass(Inventory), is_dataclass(1))

@dataclass
class Temp:
    celsius: float
    scale: InitVar[str] = "C"
    kelvin: float = field(init=False)
    def __post_init__(self, scale):
        if scale == "F":
            self.celsius = (self.celsius - 32) * 5 / 9
        self.kelvin = round(self.celsius + 273.15, 2)

print(Temp(100), Temp(212, "F"), Temp(0, scale="C"))
print([f.name for f in fields(Temp)])

@dataclass(kw_only=True)
class Config:
    host: str
    port: int = 8080
    debug: bool = False

c = Config(host="h", debug=True)
print(c)
try:
    Config("h")
except TypeError as e:
    print("TypeError:", e)

@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int = 3

print(Mixed(1, c=5), Mixed(1, b=0))

@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "s"

s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError:", e)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
    parent: Optional["Node"] = field(default=None, repr=False, compare=False)

root = Node(1, [Node(2), Node(3, [Node(4)])])
print(root)
print(asdict(root))
print(astuple(root))
print(root == Node(1, [Node(2), Node(3, [Node(4)])]))

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)

try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print("ValueError:", e)

@dataclass(eq=False)
class Ident:
    v: int

print(Ident(1) == Ident(1), Ident(1).__eq__ is not None)

@dataclass(unsafe_hash=True)
class H:
    a: int
    b: int = field(hash=False)

print(hash(H(1, 2)) == hash(H(1, 3)), H(1, 2) == H(1, 3))
print(repr(Version), Version.__match_args__, Config.__match_args__, Mixed.__match_args__)
print(Version.__dataclass_params__.order if hasattr(Version.__dataclass_params__, "order") else None)

@dataclass
class Base:
    x: int = 0
    def describe(self):
        return f"{type(self).__name__}({self.x})"

@dataclass
class Derived(Base):
    y: int = 1
    x: int = 5

d = Derived()
print(d, d.describe(), Derived(1, 2), [f.name for f in fields(Derived)])
print(dataclasses.make_dataclass("Made", [("a", int), ("b", str, field(default="z"))], namespace={"hi": lambda self: "hi " + self.b})(1).hi())
