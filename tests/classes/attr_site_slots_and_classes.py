# Attribute sites on __slots__ members, slotted classes' methods and class attributes read through the class
# (C.attr): every access below runs several times through the same site, with the class changing between
# rounds, so a stale cached answer shows.

class V:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    scale = 3


def read(v):
    return v.x, v.y


def try_read(v):
    try:
        return v.y
    except AttributeError as e:
        return "AttributeError: " + str(e)


def call_norm(v):
    return v.norm2()


for i in range(3):
    v = V(i, i + 1)
    print(read(v), call_norm(v), v.scale)
    v.x = v.x + 10
    print(read(v))
    del v.y
    print(try_read(v))
    v.y = "back"
    print(try_read(v))


class W(V):
    __slots__ = ("z",)

    def norm2(self):
        return "W.norm2"


for v in [V(1, 2), W(3, 4), V(5, 6), W(7, 8)]:
    print(type(v).__name__, read(v), call_norm(v))


class G(V):
    __slots__ = ()

    def __getattr__(self, name):
        return "fallback " + name


g = G(1, 2)
del g.y
for i in range(3):
    print(try_read(g))


# A subclass method named like a base's slot: the method wins over the stored slot value.
class A:
    __slots__ = ("m",)


class B(A):
    def m(self):
        return "B.m"


b = B()
A.m.__set__(b, "slot value")
for i in range(3):
    print(b.m(), A.m.__get__(b, A))


# A member descriptor stored under another name reads the slot it belongs to.
class P:
    __slots__ = ("a",)


P.alias = P.__dict__["a"]
p = P()
p.a = "through a"
for i in range(2):
    print(p.alias)
    p.alias = "through alias " + str(i)
    print(p.a)


# Slots and a __dict__ together.
class D:
    __slots__ = ("s", "__dict__")

    def meth(self):
        return "D.meth"


d = D()
d.s = 1
d.extra = 2
for i in range(3):
    print(d.s, d.extra, d.meth())
    if i == 1:
        d.meth = lambda: "instance meth"
        d.s = "s again"


# Methods and values of a slotted class replaced on the class.
def vscale(v):
    return v.scale


for i in range(4):
    v = V(1, 1)
    print(vscale(v), call_norm(v))
    if i == 1:
        V.scale = "new scale"
        V.norm2 = lambda self: "replaced norm2"
    if i == 2:
        del V.scale
        try:
            vscale(v)
        except AttributeError as e:
            print("AttributeError:", e)
        V.scale = 4


# Class attributes read through the class.
class C:
    attr = 7
    name = "C"

    def method(self):
        return "method of " + type(self).__name__

    @classmethod
    def cm(cls, x):
        return cls.__name__ + " cm " + str(x)

    @staticmethod
    def sm(x):
        return "sm " + str(x)


class Sub(C):
    pass


def class_reads(k):
    return k.attr, k.name, k.cm(1), k.sm(2), k.method(k())


for i in range(4):
    print(class_reads(C))
    print(class_reads(Sub))
    if i == 1:
        C.attr = 8
        Sub.name = "Sub"
    if i == 2:
        C.cm = classmethod(lambda cls, x: "new cm " + cls.__name__)
        C.sm = staticmethod(lambda x: "new sm")


def get_attr(k):
    try:
        return k.attr
    except AttributeError as e:
        return "AttributeError: " + str(e)


print(get_attr(Sub))
del C.attr
print(get_attr(Sub), get_attr(C))
Sub.attr = "sub attr"
print(get_attr(Sub), get_attr(C))

bound = C.cm
print(bound.__func__.__name__, bound(5), bound.__self__)
print(C.sm.__name__, C.method.__qualname__, C.sm is C.__dict__["sm"].__func__)


# Many classes through one site.
classes = [type("K" + str(i), (), {"attr": i}) for i in range(40)]
print([get_attr(k) for k in classes])
print([get_attr(k) for k in classes])
classes[3].attr = "changed"
print([get_attr(k) for k in classes][:5])


# A class whose metaclass defines the name: the metaclass's data descriptor wins.
class Meta(type):
    @property
    def attr(cls):
        return "Meta.attr of " + cls.__name__


class M(metaclass=Meta):
    attr = "M's own"


print(get_attr(M), M.__dict__["attr"])


# type's own attributes and names that type defines.
def names(k):
    return k.__name__, k.mro()[0].__name__


print(names(C), names(Sub), names(V))
