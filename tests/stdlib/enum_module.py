# enum: Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique, iteration, lookup and reprs.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


class Num(IntEnum):
    ONE = 1
    TWO = 2


class Mode(StrEnum):
    FAST = auto()
    SLOW = auto()


class Bits(IntFlag):
    A = 1
    B = 2


print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], list(Color), len(Color))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), Color.RED in Color, isinstance(Color.RED, Color))
print(Perm.R | Perm.W, repr(Perm.R | Perm.X), Perm.R in (Perm.R | Perm.W), list(Perm.R | Perm.W), bool(Perm(0)))
print(Num.ONE + 1, Num.TWO == 2, str(Num.ONE), repr(Num.TWO), sorted([Num.TWO, Num.ONE]), f"{Num.TWO}")
print(Mode.FAST, repr(Mode.SLOW), Mode.FAST == "fast", Mode.FAST.upper())
print(Bits.A | Bits.B, repr(Bits.A | 4), int(Bits.B))
print({c: c.value for c in Color}, Color.__members__.keys())
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    @enum.unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)


class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.gravity, Planet.EARTH.value)
