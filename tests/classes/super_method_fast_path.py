# super().m(...) calls: the fast path (no super object, no bound method) and the cases it must leave to the
# general super object, with CPython's errors.


class A:
    def __init__(self, x):
        self.x = x

    def m(self, k):
        return ("A.m", k)

    @classmethod
    def cm(cls, k):
        return ("A.cm", cls.__name__, k)

    @staticmethod
    def sm(k):
        return ("A.sm", k)

    @property
    def prop(self):
        return "A.prop"

    def kw(self, a, b=2, *, c=3):
        return (a, b, c)


class B(A):
    def __init__(self, x):
        super().__init__(x * 10)

    def m(self, k):
        return ("B",) + super().m(k)

    @classmethod
    def cm(cls, k):
        return ("B",) + super().cm(k)

    @staticmethod
    def sm(k):
        return ("B.sm", k)

    def callsm(self, k):
        return super().sm(k)

    def kw(self, a, b=2, *, c=3):
        return ("B",) + super().kw(a, c=c + 1)

    def getprop(self):
        return super().prop


class C(B):
    def m(self, k):
        return ("C",) + super().m(k)


for cls in (B, C):
    o = cls(1)
    print(cls.__name__, o.x, o.m(2), cls.cm(3), o.cm(4), o.callsm(5), o.kw(6), o.getprop())

# Diamond: the MRO of the instance's type decides.
class D1(A):
    def m(self, k):
        return ("D1",) + super().m(k)


class D2(A):
    def m(self, k):
        return ("D2",) + super().m(k)


class D(D1, D2):
    def m(self, k):
        return ("D",) + super().m(k)


print(D(0).m(1), [k.__name__ for k in D.__mro__])

# The method replaced in a base after first use.
o = C(1)
print(o.m(1))
A.m = lambda self, k: ("A.m2", k)
print(o.m(2))
del A.m
try:
    o.m(3)
except AttributeError as e:
    print("AttributeError:", e)
A.m = lambda self, k: ("A.m3", k)
print(o.m(4))

# A name no later class defines.
class E(A):
    def f(self):
        return super().nothing()


try:
    E(1).f()
except AttributeError as e:
    print("AttributeError:", e)

# __class__ through super is the super object's own.
class F(A):
    def f(self):
        return super().__class__


print(F(1).f())

# super rebound in the module: the call goes through the name.
class G(A):
    def f(self):
        return super().m(1)


import types


def fake_super(*a):
    # CPython calls a rebound `super` with no arguments.
    print("fake_super", len(a))
    return types.SimpleNamespace(m=lambda k: ("fake", k))


class G2(A):
    def f(self):
        return super()


super = fake_super
print(G(1).f(), type(G2(1).f()).__name__)
del super
print(G(1).f(), type(G2(1).f()).__name__)

# The first argument is not an instance of __class__.
class H(A):
    def f(self):
        return super().m(1)


try:
    H.f(42)
except TypeError as e:
    print("TypeError:", e)

# In __new__ (the first argument is a class) and in a metaclass.
class N:
    def __new__(cls, *a):
        o = super().__new__(cls)
        o.args = a
        return o


print(N(1, 2).args)


class Meta(type):
    def __call__(cls, *a, **k):
        o = super().__call__(*a, **k)
        o.meta = True
        return o


class WithMeta(A, metaclass=Meta):
    pass


w = WithMeta(5)
print(w.x, w.meta)

# Argument errors come from the method called.
class K(A):
    def f(self):
        return super().m()


try:
    K(1).f()
except TypeError as e:
    print("TypeError:", e)

# super() outside a method, and with no arguments left.
def plain():
    return super().m(1)


try:
    plain()
except RuntimeError as e:
    print("RuntimeError:", e)


class Z(A):
    def f(*args):
        return super().m(1)


try:
    Z(1).f()
except RuntimeError as e:
    print("RuntimeError:", e)

# A descriptor that is not a function, found by super.
class Desc:
    def __get__(self, inst, owner):
        return lambda k: ("Desc", type(inst).__name__, owner.__name__, k)


class S1:
    d = Desc()


class S2(S1):
    def f(self):
        return super().d(9)


print(S2().f())
