# __hash__ rules: __eq__ without __hash__ makes instances unhashable; default __eq__/__ne__; inheritance.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class OnlyEq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, OnlyEq) and self.v == other.v


print(OnlyEq.__hash__)
check(lambda: hash(OnlyEq(1)))
check(lambda: {OnlyEq(1)})
check(lambda: {OnlyEq(1): 1})
print(OnlyEq(1) == OnlyEq(1), OnlyEq(1) != OnlyEq(1), OnlyEq(1) != OnlyEq(2))


class EqAndHash(OnlyEq):
    def __hash__(self):
        return hash(self.v)


print(hash(EqAndHash(5)) == hash(5), len({EqAndHash(1), EqAndHash(1), EqAndHash(2)}))


class InheritsEq(OnlyEq):
    pass


check(lambda: hash(InheritsEq(1)))


class Plain:
    pass


p = Plain()
print(hash(p) == hash(p), p == p, p != p, p == Plain(), p != Plain())
print(Plain.__eq__(p, p), Plain.__eq__(p, 1), Plain.__ne__(p, 1))


class ExplicitNone:
    __hash__ = None


check(lambda: hash(ExplicitNone()))


class HashReturnsStr:
    def __hash__(self):
        return "x"


check(lambda: hash(HashReturnsStr()))


class HashBig:
    def __hash__(self):
        return 2 ** 70


print(hash(HashBig()) == hash(2 ** 70))


class HashBool:
    def __hash__(self):
        return True


print(hash(HashBool()))


class HashMinusOne:
    def __hash__(self):
        return -1


print(hash(HashMinusOne()))


class HashIntSub:
    class MyInt(int):
        pass

    def __hash__(self):
        return HashIntSub.MyInt(7)


print(hash(HashIntSub()))


# __ne__ default inverts __eq__ unless NotImplemented
class CustomEq:
    def __eq__(self, other):
        print("eq called")
        return "yes"


print(CustomEq() != 1)


class EqNotImpl:
    def __eq__(self, other):
        return NotImplemented


print(EqNotImpl() == EqNotImpl(), EqNotImpl() != 1)


class NeOnly:
    def __ne__(self, other):
        return "ne result"


print(NeOnly() != 1, NeOnly() == 1)
print(NeOnly.__hash__ is object.__hash__)


# Reflected equality order: subclass first
class Base:
    def __eq__(self, other):
        print("Base.__eq__")
        return NotImplemented

    __hash__ = object.__hash__


class Derived(Base):
    def __eq__(self, other):
        print("Derived.__eq__")
        return NotImplemented


print(Base() == Derived())
print(1 == Base())


# hash of a class, of methods
print(hash(Plain) == hash(Plain))


# __eq__ set to None
class EqNone:
    __eq__ = None


check(lambda: EqNone() == 1)

# hash with a dict subclass
class HD(dict):
    pass


check(lambda: hash(HD()))


class HashableList(list):
    def __hash__(self):
        return 1


print(hash(HashableList()))
