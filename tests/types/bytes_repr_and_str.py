# repr() and str() of bytes: quotes, escapes, and formatting.

samples = [
    b"",
    b"plain",
    b"it's",
    b'say "hi"',
    b"both ' and \"",
    b"\x00\x01\x1f\x7f\x80\xfe\xff",
    b"\t\n\r\x0b\x0c",
    b"back\\slash",
    bytes(range(32, 127)),
]
for b in samples:
    print(repr(b))
    print(str(b))
    print(ascii(b))
print(f"{b'fstring'}")
print(f"{b'abc'!r:>12}|")
print("%s %r" % (b"pct", b"pct"))
print(format(b"x"))
try:
    format(b"x", "10")
except TypeError as e:
    print("TypeError:", e)
print([b"in", b"a", b"list"])
print((b"tuple",))
print({b"key": b"value"})
print(b"abc".__repr__(), b"abc".__str__())
