# Loads at an attribute site on instances of classes with a custom `__setattr__` (frozen dataclasses among
# them): the loads are plain instance loads, while stores still go through the custom method, including when
# the class gains or loses its `__setattr__` after sites have cached it.
from dataclasses import dataclass, FrozenInstanceError


@dataclass(frozen=True, order=True)
class Sku:
    category: str
    number: int


class Logged:
    def __init__(self, a):
        self.a = a

    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


def read_a(o):
    return o.a


def read_category(o):
    return o.category


def write_a(o, v):
    o.a = v


skus = [Sku("tools", 3), Sku("garden", 1), Sku("tools", 2)]
for _ in range(3):
    print([read_category(s) for s in skus])
print(sorted(skus))
print(Sku("a", 1) < Sku("a", 2), Sku("a", 1) == Sku("a", 1), Sku("b", 0) > Sku("a", 9))
try:
    skus[0].category = "x"
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
object.__setattr__(skus[0], "category", "changed")
print(read_category(skus[0]))

o = Logged(1)
for i in range(3):
    write_a(o, i)
    print(read_a(o))
object.__setattr__(o, "a", 10)
print(read_a(o))
del Logged.__setattr__
write_a(o, 20)
print(read_a(o))
Logged.__setattr__ = lambda self, name, value: print("refused", name, value)
write_a(o, 30)
print(read_a(o))


# A `__getattr__` fallback still runs for missing names on such classes.
class Fallback:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)

    def __getattr__(self, name):
        return "missing " + name


f = Fallback()
f.x = 4
for _ in range(2):
    print(f.x, f.y)
