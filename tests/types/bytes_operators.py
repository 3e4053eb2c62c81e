# Concatenation, repetition, comparison and hashing of bytes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: b"ab" + b"cd")
show(lambda: b"ab" + bytearray(b"cd"))
show(lambda: b"ab" + memoryview(b"cd"))
show(lambda: b"" + b"")
show(lambda: b"ab" + "cd")
show(lambda: b"ab" + 1)
show(lambda: b"ab" + None)
show(lambda: "ab" + b"cd")
show(lambda: 1 + b"cd")
show(lambda: b"ab" * 3)
show(lambda: 3 * b"ab")
show(lambda: b"ab" * 0)
show(lambda: b"ab" * -2)
show(lambda: b"ab" * True)
show(lambda: b"ab" * 1.5)
show(lambda: b"ab" * "2")
show(lambda: b"ab" * b"2")
show(lambda: b"ab" - b"a")
show(lambda: -b"ab")
show(lambda: b"ab".__add__(b"c"))
show(lambda: b"ab".__add__("c"))
show(lambda: b"ab".__mul__(2))
show(lambda: b"ab".__rmul__(2))
show(lambda: b"ab".__mul__("x"))

pairs = [(b"", b""), (b"a", b"b"), (b"ab", b"a"), (b"abc", b"abd"), (b"\xff", b"\x00"), (b"a", b"a")]
for x, y in pairs:
    print(x, y, x == y, x != y, x < y, x <= y, x > y, x >= y)
print(b"ab" == bytearray(b"ab"), bytearray(b"ab") == b"ab", b"ab" == memoryview(b"ab"))
print(b"ab" < bytearray(b"ac"), bytearray(b"ab") >= b"ab")
print(b"ab" == "ab", b"ab" != "ab", b"1" == 1, b"" == None)
show(lambda: b"ab" < "ab")
show(lambda: b"ab" <= 1)
show(lambda: b"ab" > None)
show(lambda: b"ab" >= memoryview(b"a"))
show(lambda: b"ab".__eq__("ab"))
show(lambda: b"ab".__lt__(b"b"))
show(lambda: b"ab".__lt__(1))
print(hash(b"") == hash(""), hash(b"abc") == hash("abc"), hash(b"abc") == hash(b"ab" + b"c"))
print(hash(b"x\xff") == hash(bytes([120, 255])), b"abc".__hash__() == hash(b"abc"))
d = {b"k": 1, "k": 2}
print(len(d), d[b"k"], d["k"])
print(sorted([b"b", b"a", b"ab", b"", b"B"]))
print(b"%d" % 5, b"a" in {b"a", b"b"})
