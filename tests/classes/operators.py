# Binary, reflected and in-place operators on user classes; comparison fallbacks; CPython's messages.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class V:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"V({self.v})"

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.v + o.v)
        if isinstance(o, int):
            return V(self.v + o)
        return NotImplemented

    def __radd__(self, o):
        print("radd", o)
        return V(o + self.v) if isinstance(o, int) else NotImplemented

    def __sub__(self, o):
        return V(self.v - o.v)

    def __mul__(self, o):
        return V(self.v * o)

    def __rmul__(self, o):
        return V(o * self.v)

    def __truediv__(self, o):
        return V(self.v / o)

    def __floordiv__(self, o):
        return V(self.v // o)

    def __mod__(self, o):
        return V(self.v % o)

    def __pow__(self, o, mod=None):
        return V(pow(self.v, o, mod))

    def __rpow__(self, o):
        return V(o ** self.v)

    def __matmul__(self, o):
        return "matmul"

    def __rmatmul__(self, o):
        return "rmatmul"

    def __lshift__(self, o):
        return V(self.v << o)

    def __rshift__(self, o):
        return V(self.v >> o)

    def __and__(self, o):
        return V(self.v & o)

    def __or__(self, o):
        return V(self.v | o)

    def __xor__(self, o):
        return V(self.v ^ o)

    def __divmod__(self, o):
        return ("divmod", o)

    def __rdivmod__(self, o):
        return ("rdivmod", o)


a = V(6)
print(a + V(1), a + 1, 1 + a, a - V(2), a * 2, 3 * a, a / 4, a // 4, a % 4, a ** 2, 2 ** V(3), pow(a, 2, 5))
print(a @ 1, 1 @ a, a << 1, a >> 1, a & 3, a | 1, a ^ 2, divmod(a, 2), divmod(2, a))
check(lambda: a + "s")
check(lambda: "s" + a)
check(lambda: a - 1)
check(lambda: [] + a)


class IAdd:
    def __init__(self):
        self.items = []

    def __iadd__(self, o):
        self.items.append(o)
        return self

    def __add__(self, o):
        return "plain add"

    def __imul__(self, o):
        return NotImplemented

    def __mul__(self, o):
        return "mul fallback"


x = IAdd()
y = x
x += 1
x += 2
print(x is y, x.items)
x *= 3
print(x)


class NoOps:
    pass


n = NoOps()
for op in ("+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"):
    try:
        eval_result = {
            "+": lambda: n + 1, "-": lambda: n - 1, "*": lambda: n * 1, "/": lambda: n / 1,
            "//": lambda: n // 1, "%": lambda: n % 1, "**": lambda: n ** 1, "<<": lambda: n << 1,
            ">>": lambda: n >> 1, "&": lambda: n & 1, "|": lambda: n | 1, "^": lambda: n ^ 1, "@": lambda: n @ 1,
        }[op]()
    except TypeError as e:
        print(e)


def iadd():
    m = NoOps()
    m += 1


def imul():
    m = NoOps()
    m *= 1


def ipow():
    m = NoOps()
    m **= 1


def imatmul():
    m = NoOps()
    m @= 1


for f in (iadd, imul, ipow, imatmul):
    check(f)
check(lambda: divmod(n, 1))
check(lambda: pow(n, 1, 2))
check(lambda: pow(1, n))


# Reflected method of a subclass goes first only if overridden
class Base:
    def __add__(self, o):
        return "Base.add"

    def __radd__(self, o):
        return "Base.radd"


class Sub(Base):
    def __radd__(self, o):
        return "Sub.radd"


class Sub2(Base):
    pass


print(Base() + Sub(), Sub() + Base(), Base() + Sub2())


# Comparison protocol
class C:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        print("C.__lt__")
        return self.v < o.v if isinstance(o, C) else NotImplemented

    def __gt__(self, o):
        print("C.__gt__")
        return self.v > o.v if isinstance(o, C) else NotImplemented


print(C(1) < C(2), C(1) > C(2))
check(lambda: C(1) <= C(2))
check(lambda: C(1) < 5)
check(lambda: 5 < C(1))
check(lambda: 5 > C(1))
check(lambda: NoOps() < NoOps())
check(lambda: NoOps() >= 1)
check(lambda: [c.v for c in sorted([C(2), C(1)])])
check(lambda: sorted([NoOps(), NoOps()]))
check(lambda: max(C(1), C(5)).v)


class OnlyLt:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        return self.v < o.v


print(OnlyLt(2) > OnlyLt(1))


class RichSub(C):
    def __gt__(self, o):
        print("RichSub.__gt__")
        return "from RichSub"


print(C(1) < RichSub(2))


# comparisons returning non-bool
class Weird:
    def __eq__(self, o):
        return [1]

    def __lt__(self, o):
        return 0


print(Weird() == 1, Weird() < 1, [Weird()] == [Weird()])
print(1 if Weird() < 1 else 2)


# chained comparisons call each once
class Loud:
    def __init__(self, n):
        self.n = n

    def __lt__(self, o):
        print("lt", self.n, o.n)
        return self.n < o.n


print(Loud(1) < Loud(2) < Loud(3))
print(Loud(3) < Loud(2) < Loud(1))

# in-place on immutable falls back to binary op
class Imm:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Imm(self.v + o)


i = Imm(1)
j = i
i += 5
print(i.v, j.v, i is j)


# __index__-based sequence repeat
class Three:
    def __index__(self):
        return 3


print("ab" * Three(), [0] * Three(), Three() * "x" if False else "skip")
check(lambda: "ab" * NoOps())
check(lambda: NoOps() * "ab")
