# Unary operators, truth testing via __bool__/__len__, and their errors.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class N:
    def __init__(self, v):
        self.v = v

    def __neg__(self):
        return N(-self.v)

    def __pos__(self):
        return "pos"

    def __invert__(self):
        return "inv"

    def __abs__(self):
        return abs(self.v)

    def __repr__(self):
        return f"N({self.v})"


n = N(3)
print(-n, +n, ~n, abs(N(-4)))


class Empty:
    pass


check(lambda: -Empty())
check(lambda: +Empty())
check(lambda: ~Empty())
check(lambda: abs(Empty()))
check(lambda: -"s")
check(lambda: ~1.5)
check(lambda: abs("s"))


class T:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        print("bool called")
        return self.b


print(bool(T(True)), bool(T(False)), not T(False))
if T(True):
    print("if works")
print([x for x in [T(False), T(True)] if x].__len__())
print(T(False) or "fallback", T(True) and "second")


class L:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


print(bool(L(0)), bool(L(2)), len(L(5)))
check(lambda: bool(L(-1)))
check(lambda: len(L(-1)))


class BadBool:
    def __bool__(self):
        return 1


check(lambda: bool(BadBool()))
check(lambda: not BadBool())


class BadLen:
    def __len__(self):
        return "x"


check(lambda: len(BadLen()))
check(lambda: bool(BadLen()))


class FloatLen:
    def __len__(self):
        return 2.0


check(lambda: len(FloatLen()))


class HugeLen:
    def __len__(self):
        return 2 ** 100


check(lambda: len(HugeLen()))


class IndexLen:
    class I:
        def __index__(self):
            return 3

    def __len__(self):
        return IndexLen.I()


check(lambda: len(IndexLen()))


class BoolNone:
    __bool__ = None


check(lambda: bool(BoolNone()))


class BoolAndLen:
    def __bool__(self):
        return False

    def __len__(self):
        return 10


print(bool(BoolAndLen()))


class NoLen:
    pass


check(lambda: len(NoLen()))
print(bool(NoLen()))


class LenRaises:
    def __len__(self):
        raise ValueError("len failed")


check(lambda: bool(LenRaises()))


# bool subclass of int subclasses
class MyInt(int):
    pass


print(bool(MyInt(0)), bool(MyInt(3)), -MyInt(3), type(-MyInt(3)).__name__, ~MyInt(1), abs(MyInt(-2)))


class NegInt(int):
    def __neg__(self):
        return "custom neg"


print(-NegInt(1), +NegInt(1))
