# super(): zero-argument and explicit forms, in methods, classmethods, staticmethods, metaclasses, properties.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class A:
    def who(self):
        return ["A"]

    @classmethod
    def make(cls):
        return "A.make(" + cls.__name__ + ")"

    @property
    def p(self):
        return "A.p"

    @staticmethod
    def st():
        return "A.st"

    attr = "A.attr"


class B(A):
    def who(self):
        return ["B"] + super().who()

    @classmethod
    def make(cls):
        return "B+" + super().make()

    @property
    def p(self):
        return "B+" + super().p

    def st_via_super(self):
        return super().st()

    def attr_via_super(self):
        return super().attr


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


d = D()
print(d.who(), D.make(), d.p, d.st_via_super(), d.attr_via_super())
print(super(B, d).who(), super(C, d).who(), super(D, D).make())
print(super(B, D).who(d))
s = super(B, d)
print(s.__self__ is d, s.__thisclass__.__name__, s.__self_class__.__name__)
print(repr(super(B, d)).split(" object")[0])


class E:
    def m(self):
        return super().m()


check(lambda: E().m())
check(lambda: super(E, 1))
check(lambda: super(1, E()))
check(lambda: super(int, E()))
check(lambda: super(E, E()).nope)


def outside():
    return super()


check(outside)


class F:
    def m(self):
        def inner():
            return super().m()
        return inner()

    def n(self):
        return [super().__repr__ is not None for _ in range(1)]

    def noargs():
        return super()


check(lambda: F().m())
print(F().n())
check(F.noargs)


# super() when the first argument was reassigned
class G:
    def m(self):
        self = 5
        return super().__str__()


check(lambda: G().m())


# super() in __init__ chains with keyword passing (cooperative)
class Root:
    def __init__(self, **kw):
        print("Root", kw)
        super().__init__(**kw)


class Left(Root):
    def __init__(self, left=None, **kw):
        print("Left", left)
        super().__init__(**kw)


class Right(Root):
    def __init__(self, right=None, **kw):
        print("Right", right)
        super().__init__(**kw)


class Both(Left, Right):
    pass


Both(left=1, right=2)
check(lambda: Both(left=1, right=2, extra=3))


# super in a metaclass
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["added"] = name.lower()
        return super().__new__(mcls, name, bases, ns)

    def __call__(cls, *a, **k):
        obj = super().__call__(*a, **k)
        obj.via = "meta"
        return obj


class WithMeta(metaclass=Meta):
    pass


w = WithMeta()
print(WithMeta.added, w.via)


# __class__ cell
class H:
    def cls(self):
        return __class__


class I(H):
    pass


print(I().cls().__name__)


# super() with setattr goes to object.__setattr__
class J:
    def __setattr__(self, name, value):
        super().__setattr__(name, value * 2)


j = J()
j.x = 4
print(j.x)


# super().__getattribute__ and __getattr__ fallbacks
class K:
    def __getattr__(self, name):
        return "K fallback " + name


class L(K):
    def __getattr__(self, name):
        if name == "special":
            return "L special"
        return super().__getattr__(name)


print(L().special, L().other)

# super in staticmethod needs explicit args
class M(A):
    @staticmethod
    def s():
        return super(M, M).make()


print(M.s())
check(lambda: super(M).make)
print(type(super(M)).__name__)
