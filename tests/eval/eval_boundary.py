# Functions and classes cross the boundary between compiled and evaluated code both ways.
class Base:
    def __init__(self, v):
        self.v = v

    def describe(self):
        return f"{type(self).__name__}({self.v})"


def compiled_helper(x):
    return x * 2


ns = {"Base": Base, "compiled_helper": compiled_helper, "__name__": "dyn"}
exec("""
class Child(Base):
    '''A child.'''
    count = 0
    def __init__(self, v, w=0):
        super().__init__(v + w)
        Child.count += 1
    def describe(self):
        return 'child ' + super().describe()
    @property
    def doubled(self):
        return compiled_helper(self.v)
    @staticmethod
    def st(a):
        return a + 1
    @classmethod
    def make(cls):
        return cls(1, 1)
    def __repr__(self):
        return f'<Child {self.v}>'

def uses_callback(cb, *args, **kw):
    return cb(*args, **kw)
""", ns)
Child = ns["Child"]
c = Child(3, w=4)
print(c.describe(), c.doubled, Child.st(1), Child.make(), Child.count, Child.__doc__)
print(Child.__module__, Child.__qualname__, Child.__mro__[1] is Base, isinstance(c, Base))


class GrandChild(Child):
    def describe(self):
        return "grand " + super().describe()


print(GrandChild(1).describe(), repr(GrandChild(2)))
print(ns["uses_callback"](compiled_helper, 21), ns["uses_callback"](lambda **k: sorted(k), a=1, b=2))
# Evaluated closures capture evaluated variables; metaclasses and keywords in class statements.
exec("""
def counter_factory(start):
    def counter():
        nonlocal start
        start += 1
        return start
    return counter

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get('tag')
        return cls

class Tagged(metaclass=Meta, tag='hello'):
    def __init_subclass__(cls, **kw):
        cls.sub = True

class Sub(Tagged):
    pass

class Slotted:
    __slots__ = ('a', '__b')
    def __init__(self):
        self.a = 1
        self.__b = 2
    def get(self):
        return self.a + self.__b
""", ns)
cf = ns["counter_factory"](10)
print(cf(), cf(), ns["Tagged"].tag, ns["Sub"].tag, ns["Sub"].sub, type(ns["Sub"]).__name__, ns["Slotted"]().get())
gen = eval("(x * x for x in range(4))")
print(type(gen).__name__, list(gen))
exec("def gen(n):\n    total = 0\n    for i in range(n):\n        got = yield i\n        if got:\n            total += got\n    return total\n", ns)
g = ns["gen"](3)
print(next(g), g.send(10), g.send(20))
try:
    g.send(5)
except StopIteration as e:
    print("returned", e.value)
exec("def deleg():\n    yield from range(2)\n    yield 'end'\n", ns)
print(list(ns["deleg"]()))
