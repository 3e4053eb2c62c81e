# Subclasses of bytearray.


class BA(bytearray):
    def total(self):
        return sum(self)


b = BA(b"abc")
print(b, repr(b), type(b).__name__, len(b), b.total(), isinstance(b, bytearray))
b.append(100)
b += b"e"
b[0] = 65
print(b, type(b).__name__, type(b + b"x").__name__, type(b[1:]).__name__, type(b.upper()).__name__, type(b.copy()).__name__)
print(BA(), BA(3), BA([1, 2]), BA("x", "ascii"), BA.fromhex("4142"), type(BA.fromhex("41")).__name__)
b.tag = "t"
print(b.tag, b == bytearray(b"Abcde"), b == b"Abcde")


class Init(bytearray):
    def __init__(self, n):
        super().__init__(b"i" * n)


print(Init(3), repr(Init(0)))


class Logged(bytearray):
    def __setitem__(self, k, v):
        print("set", k, v)
        bytearray.__setitem__(self, k, v)

    def __iadd__(self, other):
        print("iadd", other)
        return bytearray.__iadd__(self, other)


x = Logged(b"xyz")
x[0] = 88
x[1:2] = b"YY"
x += b"!"
print(x, type(x).__name__)
try:
    hash(BA())
except TypeError as e:
    print("TypeError:", e)
