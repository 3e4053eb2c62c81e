# dataclasses generate __init__, __repr__, __eq__ and friends with exec().
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import List


@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: List[str] = field(default_factory=list)

    def total(self, n):
        return self.price * n


a = Item("apple", 1.5)
b = Item("apple", 1.5)
print(a, a == b, a.total(4), a.tags is not b.tags)
print(asdict(a), astuple(a), replace(a, price=2.0), [f.name for f in fields(Item)])


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

    @property
    def label(self):
        return f"v{self.major}.{self.minor}"


v1, v2 = Version(1, 2), Version(1, 10)
print(v1 < v2, sorted([v2, v1]), v1.label, hash(v1) == hash(Version(1, 2)))
try:
    v1.major = 3
except FrozenInstanceError as e:
    print("frozen:", e)


@dataclass
class Base:
    x: int
    y: int = 1


@dataclass
class Derived(Base):
    z: int = 2

    def __post_init__(self):
        self.sum = self.x + self.y + self.z


d = Derived(10)
print(d, d.sum)


@dataclass(repr=False, eq=False)
class Plain:
    v: int


print(Plain(1) == Plain(1), type(repr(Plain(1))).__name__)


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int = 3


print(Opts(level=5))
try:
    Opts(True)
except TypeError as e:
    print("TypeError:", e)


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "b"


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
