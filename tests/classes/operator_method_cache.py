# Operators on user instances after the operator methods were cached: reassigning dunders on the class and on
# a base, reflected methods, NotImplemented fallbacks, subclass-first reflected dispatch, CPython's errors.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, (int, float)):
            return V(self.x + o)
        return NotImplemented

    def __mul__(self, k):
        return V(self.x * k)

    __rmul__ = __mul__

    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x

    def __lt__(self, o):
        return self.x < o.x

    def __repr__(self):
        return f"V({self.x})"


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


a, b = V(1), V(2)
for i in range(3):
    print(add(a, b), mul(a, 3), mul(2.5, a), a == b, a < b, add(a, 10))
check(lambda: add(a, "s"))
check(lambda: add("s", a))
check(lambda: a - b)


# Reassigning the method on the class after the operator ran (the cache must see the change).
V.__add__ = lambda self, o: "replaced add"
print(add(a, b), add(a, 1))
del V.__add__
check(lambda: add(a, b))
V.__sub__ = lambda self, o: V(self.x - o.x)
print(a - b, [a - b for _ in range(2)])


class Base:
    def __add__(self, o):
        return "Base.add"


class Derived(Base):
    pass


d = Derived()
print([add(d, 1) for _ in range(3)])
Base.__add__ = lambda self, o: "new Base.add"
print(add(d, 1))
Derived.__add__ = lambda self, o: "Derived.add"
print(add(d, 1), add(Base(), 1))
del Derived.__add__
print(add(d, 1))
del Base.__add__
check(lambda: add(d, 1))


# Reflected methods, NotImplemented from the left, and the subclass-first rule.
class L:
    def __add__(self, o):
        return NotImplemented

    def __radd__(self, o):
        return "L.radd"


class R:
    def __radd__(self, o):
        return "R.radd"


class LSub(L):
    def __radd__(self, o):
        return "LSub.radd"


class LSub2(L):
    pass


for i in range(2):
    print(add(L(), R()), add(1, R()), add(L(), LSub()), add(L(), LSub2()))
check(lambda: add(L(), L()))
R.__radd__ = lambda self, o: NotImplemented
check(lambda: add(L(), R()))
check(lambda: add(1, R()))


class Num(int):
    def __add__(self, o):
        return "Num.add"


print(add(Num(1), 2), add(2, Num(1)), mul(Num(2), 3))
Num.__radd__ = lambda self, o: "Num.radd"
print(add(2, Num(1)))


# Operators that are not methods of the class: instance attributes do not count.
class Plain:
    pass


p = Plain()
p.__add__ = lambda o: "instance attr"
check(lambda: add(p, 1))
Plain.__add__ = lambda self, o: "class attr"
print(add(p, 1))
Plain.__add__ = 42
check(lambda: add(p, 1))
