# __repr__/__str__/__format__, __index__/__int__/__float__/__complex__/__round__, __bytes__-free conversions.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class R:
    def __repr__(self):
        return "R-repr"


class S(R):
    def __str__(self):
        return "S-str"


print(repr(R()), str(R()), f"{R()}", f"{R()!r}", repr(S()), str(S()), f"{S()}", f"{S()!r}", [S()], (R(),), {"k": S()})
print("%s %r" % (S(), S()), "{} {!r} {!s}".format(S(), S(), R()))


class BadRepr:
    def __repr__(self):
        return 5


class BadStr:
    def __str__(self):
        return None


check(lambda: repr(BadRepr()))
check(lambda: str(BadStr()))
check(lambda: str(BadRepr()))
check(lambda: f"{BadStr()}")
check(lambda: print(BadStr()))


class StrSub(str):
    pass


class ReprReturnsStrSub:
    def __repr__(self):
        return StrSub("sub")


print(repr(ReprReturnsStrSub()))


class F:
    def __format__(self, spec):
        return "F(" + spec + ")"


print(format(F(), "x>10"), f"{F():abc}", "{:q}".format(F()), f"{F()}")


class NoFormat:
    def __str__(self):
        return "nf"


print(format(NoFormat()), f"{NoFormat()}", format(NoFormat(), ""))
check(lambda: format(NoFormat(), "x"))
check(lambda: f"{NoFormat():>5}")


class BadFormat:
    def __format__(self, spec):
        return 1


check(lambda: format(BadFormat()))


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print([10, 20, 30][Idx(1)], "abc"[Idx(2)], bin(Idx(5)), hex(Idx(255)), oct(Idx(8)), range(Idx(3)))
print([1, 2, 3, 4][Idx(1):Idx(3)], int(Idx(7)), float(Idx(2)), complex(Idx(1)).real)
check(lambda: [1][Idx("x")])
check(lambda: bin(Idx(1.5)))
check(lambda: [1][Idx(5)])


class I:
    def __int__(self):
        return 42


print(int(I()))
check(lambda: [1][I()])
check(lambda: float(I()))


class BadInt:
    def __int__(self):
        return "x"


check(lambda: int(BadInt()))


class Fl:
    def __float__(self):
        return 1.5


print(float(Fl()), complex(Fl()).real)
check(lambda: int(Fl()))


class BadFloat:
    def __float__(self):
        return 1


check(lambda: float(BadFloat()))


class Cx:
    def __complex__(self):
        return complex(1, 2)


print(complex(Cx()).imag)


class BadCx:
    def __complex__(self):
        return 1


check(lambda: complex(BadCx()))


class Rnd:
    def __round__(self, n=None):
        return ("round", n)


print(round(Rnd()), round(Rnd(), 2))
check(lambda: round(NoFormat()))


# int/float subclasses and conversions
class MyInt(int):
    def __repr__(self):
        return "MyInt(" + super().__repr__() + ")"


mi = MyInt(5)
print(mi, repr(mi), str(mi), f"{mi}", f"{mi:03d}", int(mi), type(int(mi)).__name__, mi + 1, type(mi + 1).__name__)
print([0, 1, 2, 3, 4, 5][mi], float(mi), hex(mi))


class MyFloat(float):
    def __str__(self):
        return "MyFloat!"


mf = MyFloat(2.5)
print(mf, repr(mf), f"{mf}", f"{mf:.2f}", mf * 2, int(mf), round(mf))
