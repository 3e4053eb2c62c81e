# Property reads through one attribute site while the class changes: the property is replaced, shadowed in the
# instance dict (a data descriptor wins), gains a __getattr__ fallback, and is read on slotted classes and
# through property subclasses.


class C:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v * 2


def read(o):
    return o.v


def call(o):
    return o.v()


c = C(5)
print([read(c) for _ in range(3)])
c.__dict__["v"] = "instance"
print(read(c), c.__dict__["v"])
C.v = property(lambda self: "replaced")
print(read(c))
C.v = "plain"
print(read(c))
del c.__dict__["v"]
print(read(c))
C.v = property(lambda self: self._v + 1)
print(read(c))


# A getter raising AttributeError: without __getattr__ it propagates, with one the fallback answers.
class D:
    @property
    def v(self):
        raise AttributeError("no v here")


d = D()
for i in range(3):
    if i == 1:
        D.__getattr__ = lambda self, name: "fallback " + name
    try:
        print(i, read(d))
    except AttributeError as e:
        print(i, "AttributeError:", e)


# A property whose value is called, and a property without a getter.
class E:
    v = property(lambda self: (lambda: "called"))
    w = property(None, lambda self, x: None)


e = E()
print(call(e), call(e))
try:
    e.w
except AttributeError as ex:
    print("AttributeError:", ex)


# Subclasses of property run their own __get__.
class LoggedProperty(property):
    def __get__(self, obj, objtype=None):
        return "logged " + str(super().__get__(obj, objtype))


class F:
    v = LoggedProperty(lambda self: 42)


print(read(F()), read(F()))


# Slotted classes, several types at one site, and a property on a subclass only.
class S:
    __slots__ = ("_v",)

    def __init__(self):
        self._v = 3

    @property
    def v(self):
        return self._v * 10


class G(C):
    @property
    def v(self):
        return "G"


print([read(o) for o in (S(), c, G(1), S(), G(2), c)])


# Stores through one site into a property with and without a setter.
class H:
    def __init__(self):
        self._x = 0

    @property
    def x(self):
        return self._x

    @x.setter
    def x(self, value):
        self._x = value * 2


def store(o, value):
    o.x = value


h = H()
for i in range(3):
    store(h, i)
    print(h.x, h.__dict__)
class ReadOnly:
    @property
    def x(self):
        return "read only"


H.x = ReadOnly.x
try:
    store(h, 9)
except AttributeError as ex:
    print("AttributeError:", ex)
