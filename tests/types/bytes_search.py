# find, rfind, index, rindex, count, startswith and endswith on bytes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


b = b"abracadabra"
for sub in [b"a", b"abra", b"cad", b"", b"z", b"abracadabrax", 97, 122, bytearray(b"ra"), memoryview(b"bra")]:
    print(sub if not isinstance(sub, memoryview) else "mv", b.find(sub), b.rfind(sub), b.count(sub))
print(b.find(b"a", 1), b.find(b"a", 1, 3), b.find(b"a", -4), b.find(b"a", -4, -1), b.find(b"a", 100))
print(b.rfind(b"a", 0, 5), b.rfind(b"a", -5, -2), b.rfind(b"", 4, 2), b.find(b"", 11), b.find(b"", 12))
print(b.count(b"", 2, 5), b.count(b"", 5, 2), b.count(b"a", None, None), b.count(b"aa"), b"aaaa".count(b"aa"))
print(b.index(b"c"), b.rindex(b"a"), b.index(100), b.rindex(b"ab", 0, 9))
print(b.startswith(b"abr"), b.startswith(b"bra", 1), b.startswith((b"x", b"abr")), b.startswith(b""))
print(b.endswith(b"bra"), b.endswith(b"cad", 0, 7), b.endswith((b"x", b"y")), b.endswith(b"", 20))
print(b.startswith(b"", 11), b.startswith(b"", 12), b.endswith(bytearray(b"ra")), b.startswith(memoryview(b"ab")))
print(b.find(b"a", True), b"\x00\xff".find(255), b"\x00\xff".rfind(0))
show(lambda: b.index(b"z"))
show(lambda: b.rindex(b"z"))
show(lambda: b.index(b"a", 11))
show(lambda: b.find("a"))
show(lambda: b.find(256))
show(lambda: b.find(-1))
show(lambda: b.find(1.5))
show(lambda: b.find([97]))
show(lambda: b.count("a"))
show(lambda: b.index("a"))
show(lambda: b.find())
show(lambda: b.find(b"a", 1, 2, 3))
show(lambda: b.find(b"a", "1"))
show(lambda: b.find(b"a", start=1))
show(lambda: b.startswith("a"))
show(lambda: b.startswith(97))
show(lambda: b.startswith((b"a", "b")))
show(lambda: b.endswith([b"a"]))
show(lambda: b.endswith(b"a", 1.5))
show(lambda: b.startswith())
show(lambda: bytes.find(bytearray(b"abc"), b"b"))
show(lambda: bytes.find())


class I:
    def __index__(self):
        return 98


print(b.find(I()), b.count(I()), I() in b, b.find(b"a", I().__index__() - 96))
