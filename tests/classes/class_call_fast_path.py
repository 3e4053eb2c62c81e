# Calling a class C(a, b): the fast path (object.__new__, a Python __init__ taking exactly the arguments)
# and every case that must leave it, each exercised after the path was taken at the same call site.


def make(cls, *a):
    # One call site per arity used by many classes, so a site sees several types.
    if len(a) == 0:
        return cls()
    if len(a) == 1:
        return cls(a[0])
    return cls(a[0], a[1])


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def site2(cls, a, b):
    return cls(a, b)


for i in range(3):
    p = site2(P, i, i * 2)
    print(type(p).__name__, p.x, p.y)

# __init__ replaced after first use.
def new_init(self, x, y):
    self.x = -x
    self.y = -y
    self.z = "new"

P.__init__ = new_init
p = site2(P, 1, 2)
print(p.x, p.y, p.z)

# __init__ with a default, called with fewer arguments.
def init_default(self, x, y=100):
    self.x = x
    self.y = y

P.__init__ = init_default
p = site2(P, 5, 6)
print(p.x, p.y)
p = make(P, 7)
print(p.x, p.y)

# __new__ replaced after first use: returning another type's instance skips __init__.
class Other:
    pass

def other_new(cls, *a):
    print("other_new", cls.__name__, a)
    return Other()

P.__new__ = other_new
print(type(site2(P, 1, 2)).__name__)
P.__new__ = lambda cls, *a: object.__new__(cls)
print(type(site2(P, 3, 4)).__name__, P(8, 9).x)

# __new__ returning an instance of a subclass: __init__ of the subclass runs.
class Base:
    def __new__(cls, *a):
        if cls is Base:
            return object.__new__(Sub)
        return object.__new__(cls)

    def __init__(self, a, b):
        print("Base.__init__", type(self).__name__, a, b)


class Sub(Base):
    def __init__(self, a, b):
        print("Sub.__init__", a, b)


print(type(site2(Base, 1, 2)).__name__)

# __init__ returning non-None.
class Bad:
    def __init__(self, a, b):
        return 42


try:
    site2(Bad, 1, 2)
except TypeError as e:
    print("TypeError:", e)

# Argument count errors with CPython's messages.
for args in [(), (1,), (1, 2)]:
    try:
        make(P, *args) if False else None
        P.__init__ = lambda self, a, b, c: None
        make(P, *args)
    except TypeError as e:
        print("TypeError:", e)


class Q:
    def __init__(self, a, b):
        self.s = a + b


for args in [(), (1,)]:
    try:
        make(Q, *args)
    except TypeError as e:
        print("TypeError:", e)


class NoInit:
    pass


for args in [(), (1,), (1, 2)]:
    try:
        print(type(make(NoInit, *args)).__name__)
    except TypeError as e:
        print("TypeError:", e)

# A metaclass __call__.
class Meta(type):
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)


class M(metaclass=Meta):
    def __init__(self, a, b):
        self.t = (a, b)


print(site2(M, 1, 2).t)

# A metaclass without __call__ still takes the normal path.
class Meta2(type):
    pass


class M2(metaclass=Meta2):
    def __init__(self, a, b):
        self.t = (b, a)


print(site2(M2, 1, 2).t)

# Abstract classes refuse instantiation.
import abc


class A(abc.ABC):
    def __init__(self, a, b):
        pass

    @abc.abstractmethod
    def f(self):
        pass


try:
    site2(A, 1, 2)
except TypeError as e:
    print("TypeError:", e)

# __init_subclass__ and instances of the subclass made by the fast path.
class Reg:
    seen = []

    def __init_subclass__(cls, **kw):
        Reg.seen.append((cls.__name__, kw))

    def __init__(self, a, b):
        self.a = a


class R1(Reg, tag=1):
    pass


r = site2(R1, 1, 2)
print(Reg.seen, type(r).__name__, r.a)

# An exception raised in __init__ keeps its traceback frame and propagates.
class Raises:
    def __init__(self, a, b):
        raise ValueError(f"bad {a} {b}")


try:
    site2(Raises, 1, 2)
except ValueError as e:
    print("ValueError:", e, e.__traceback__.tb_next.tb_next.tb_frame.f_code.co_name)

# A built-in subclass and an exception subclass with __init__.
class L(list):
    def __init__(self, a, b):
        super().__init__([a, b])


print(site2(L, 1, 2))


class E(Exception):
    def __init__(self, a, b):
        super().__init__(a + b)


print(repr(site2(E, 1, 2)))

# Recursion through __init__ hits the recursion limit.
class Deep:
    def __init__(self, n, m):
        if n:
            Deep(n - 1, m)


try:
    Deep(100000, 0)
except RecursionError as e:
    print("RecursionError:", e)
Deep(50, 0)
print("done")

# __init__ with defaults: the missing trailing parameters come from __defaults__ at each call.
class WithDefaults:
    def __init__(self, a, b=2, c=[]):
        c.append(a)
        self.t = (a, b, len(c))


for i in range(3):
    print(make(WithDefaults, i).t, site2(WithDefaults, i, -i).t)
WithDefaults.__init__.__defaults__ = (20, [0, 0])
print(make(WithDefaults, 1).t)
WithDefaults.__init__.__defaults__ = None
try:
    make(WithDefaults, 1)
except TypeError as e:
    print("TypeError:", e)


# Keyword-only and *args parameters take the general path.
class KwOnly:
    def __init__(self, a, *, k=5):
        self.t = (a, k)


class Star:
    def __init__(self, *a):
        self.t = a


print(make(KwOnly, 1).t, make(Star, 1).t, site2(Star, 1, 2).t, make(Star).t)
