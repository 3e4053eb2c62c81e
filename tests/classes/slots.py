# __slots__: no instance __dict__, slot descriptors, inheritance, and CPython's errors.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class P:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


p = P(1)
print(p.x)
check(lambda: p.y)
p.y = 2
print(p.y)
check(lambda: setattr(p, "z", 3))
check(lambda: p.__dict__)
check(lambda: vars(p))
del p.y
check(lambda: p.y)
check(lambda: delattr(p, "y"))
print(type(P.x).__name__, P.__slots__, "x" in P.__dict__)
print(P.x.__get__(p, P), P.x.__name__)
P.x.__set__(p, 10)
print(p.x)


class Q(P):
    pass


q = Q(1)
q.z = 3
print(q.z, q.__dict__)


class R(P):
    __slots__ = ("z",)


r = R(1)
r.z = 5
print(r.x, r.z)
check(lambda: setattr(r, "w", 1))


class S:
    __slots__ = "single"


s = S()
s.single = 1
print(s.single, S.__slots__)


class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, w.__dict__)


class Empty:
    __slots__ = ()


check(lambda: setattr(Empty(), "a", 1))

try:
    class Conflict:
        __slots__ = ("x",)
        x = 5
except ValueError as e:
    print("ValueError:", e)

try:
    class BadSlot:
        __slots__ = (1,)
except TypeError as e:
    print("TypeError:", e)

try:
    class BadSlot2:
        __slots__ = ("not valid",)
except TypeError as e:
    print("TypeError:", e)

try:
    class DupDict:
        __slots__ = ("__dict__", "__dict__")
except TypeError as e:
    print("TypeError:", e)

try:
    class IntSlots(int):
        __slots__ = ("a",)
except TypeError as e:
    print("TypeError:", e)


class A1:
    __slots__ = ("a",)


class B1:
    __slots__ = ("b",)


try:
    class AB(A1, B1):
        pass
except TypeError as e:
    print("TypeError:", e)


class TupleSlots(tuple):
    __slots__ = ()


print(TupleSlots((1, 2)))
check(lambda: setattr(TupleSlots(), "x", 1))


# slots with private name mangling
class Mangled:
    __slots__ = ("__priv",)

    def __init__(self):
        self.__priv = 7

    def get(self):
        return self.__priv


print(Mangled().get(), "_Mangled__priv" in Mangled.__dict__)

# weakref slot
class WR:
    __slots__ = ("__weakref__",)


print(hasattr(WR(), "__weakref__"))

# slots with a dict as __slots__ (keys become slots)
class DictSlots:
    __slots__ = {"a": "doc for a", "b": None}


ds = DictSlots()
ds.a = 1
print(ds.a, DictSlots.a.__doc__)

# class variable of the same name as slot in subclass shadows the slot
class Base:
    __slots__ = ("v",)


class Shadowing(Base):
    v = "class"


print(Shadowing().v)
