# Subclasses of bytes: construction, methods returning plain bytes, and overridden dunders.


class B(bytes):
    def hello(self):
        return b"hello " + self


b = B(b"abc")
print(b, repr(b), type(b).__name__, isinstance(b, bytes), len(b), b[0], b.hello())
print(type(b.upper()).__name__, type(b[0:2]).__name__, type(b + b"x").__name__, type(b * 2).__name__)
print(type(b.strip()).__name__, type(b.replace(b"z", b"y")).__name__, type(bytes(b)).__name__)
print(b == b"abc", hash(b) == hash(b"abc"), b in {b"abc"}, b"abc" in {b: 1})
print(B(3), B([65, 66]), B("x", "ascii"), B.fromhex("4142"), type(B.fromhex("41")).__name__)
b.attr = 5
print(b.attr)


class Loud(bytes):
    def __getitem__(self, i):
        return ("item", bytes.__getitem__(self, i))

    def __len__(self):
        return 99

    def __eq__(self, other):
        return "eq"

    __hash__ = bytes.__hash__

    def __repr__(self):
        return "Loud(" + bytes.__repr__(self) + ")"

    def __contains__(self, x):
        return bytes.__contains__(self, x)


x = Loud(b"xyz")
print(x[1], x[0:2], len(x), x == b"xyz", repr(x), 120 in x, b"yz" in x, str(x))


class New(bytes):
    def __new__(cls, n):
        return super().__new__(cls, b"n" * n)


print(New(3), type(New(2)).__name__)


class WithBytesMethod(bytes):
    def __bytes__(self):
        return b"override"


print(bytes(WithBytesMethod(b"orig")), WithBytesMethod(b"orig"))
