# Properties, classmethods and staticmethods found through the type's lookup cache: reads and writes see a
# descriptor replaced, deleted or overridden in a subclass after instances exist and the lookup was cached.


class Base:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        self._v = x * 10

    @classmethod
    def make(cls, v):
        return cls(v)

    @staticmethod
    def twice(x):
        return 2 * x


class Child(Base):
    pass


def read_all(objs):
    return [o.v for o in objs]


objs = [Base(1), Child(2), Child.make(3)]
for _ in range(3):
    print(read_all(objs), Base.twice(4), objs[1].twice(5), type(Child.make(0)).__name__)
objs[0].v = 7
print(read_all(objs))

# Replace the property on the base after the lookups were cached.
Base.v = property(lambda self: -self._v)
print(read_all(objs))
try:
    objs[0].v = 1
except AttributeError:
    print("AttributeError")

# A subclass overrides it with a plain class attribute, then an instance attribute shadows nothing
# (a property is a data descriptor, a plain value is not).
Child.v = "class value"
print(read_all(objs))
objs[1].__dict__["v"] = "instance value"
print(read_all(objs))
del Child.v
print(read_all(objs))

# Delete it from the base: instances fall back to their own dict or raise.
del Base.v
for o in objs:
    print(getattr(o, "v", "missing"))

# classmethod and staticmethod replaced after use.
Base.make = classmethod(lambda cls, v: (cls.__name__, v))
Base.twice = staticmethod(lambda x: 3 * x)
print(Child.make(1), Base.twice(4), objs[2].twice(5))
Child.twice = staticmethod(lambda x: x - 1)
print(Base.twice(4), Child.twice(4), objs[1].twice(4))

# The same property object shared by two classes, and a property subclass.
class P2(property):
    pass


shared = property(lambda self: "shared")
class A:
    p = shared
class B:
    q = shared
    r = P2(lambda self: "p2")
print(A().p, B().q, B().r, A.p is B.q)
