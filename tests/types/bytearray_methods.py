# The methods bytearray shares with bytes: results are new bytearrays.

b = bytearray(b"  Hello, World  ")
results = [
    b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize(), b.strip(), b.lstrip(), b.rstrip(b" d"),
    b.center(20, b"*"), b.ljust(18), b.rjust(18, b"."), b.zfill(18), b.replace(b"l", b"L"), b.expandtabs(),
    b.removeprefix(b"  "), b.removesuffix(b"  "), b.translate(None, b"l"), b.strip().split(b", "),
    b.split(), b.rsplit(None, 1), b.partition(b","), b.rpartition(b"o"), b.splitlines(), bytearray(b"-").join([b"a", b"b"]),
]
for r in results:
    print(repr(r), type(r).__name__ if not isinstance(r, (list, tuple)) else [type(x).__name__ for x in r])
print(b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"), b.startswith(b"  H"), b.endswith(b"  "))
print(b.isalpha(), b.strip().isascii(), bytearray(b"abc").isalnum(), b.hex(":", 4), b.decode())
print(bytearray.fromhex("ff00"), bytearray(b"x").__len__(), bytearray(b"abc").__contains__(98))
c = bytearray(b"same")
print(c.strip() is c, c.replace(b"z", b"y") is c, c.upper() is c)
print(repr(bytearray(b"it's")), repr(bytearray(b'say "x"')), repr(bytearray(b"both ' \"")), repr(bytearray(b"\\\x00\xff")))
print(str(bytearray(b"str")), f"{bytearray(b'f')}", bytearray(b"ab").__repr__())
print(bytearray(b"abc").__reduce__(), bytearray(b"").__reduce_ex__(3), bytearray(b"xy").__reduce_ex__(4))
print(bytearray(b"abc").__alloc__() >= 3, bytearray().__alloc__())
