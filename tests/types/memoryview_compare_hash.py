# Equality and hashing of memoryviews.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


m = memoryview(b"abc")
print(m == b"abc", m == bytearray(b"abc"), m == memoryview(b"abc"), b"abc" == m, m == b"abd", m == b"ab")
print(m != b"abc", m == m, m == "abc", m == [97, 98, 99], m == 1, None == m)
print(m[::2] == b"ac", m[::-1] == b"cba", memoryview(b"ab").cast("c") == memoryview(b"ab"))
print(memoryview(b"ab").cast("c") == memoryview(b"ab").cast("c"), memoryview(b"ab").cast("c") == b"ab")
h = memoryview(b"\x01\x00\x02\x00")
print(h.cast("H") == h.cast("h"), h.cast("H") == h, h.cast("H") == h.cast("H"), h.cast("B", (2, 2)) == h)
print(memoryview(b"\xff").cast("b") == memoryview(b"\xff"), memoryview(b"\x01").cast("b") == memoryview(b"\x01"))
print(hash(m) == hash(b"abc"), hash(m[::2]) == hash(b"ac"), hash(memoryview(b"")) == hash(b""))
print(hash(memoryview(b"ab").cast("c")) == hash(b"ab"), hash(memoryview(b"ab").cast("b")) == hash(b"ab"))
print({m: 1}[b"abc"], b"abc" in {m}, m.__hash__() == hash(b"abc"))
show(lambda: memoryview(bytearray(b"ab")).toreadonly().__hash__())
show(lambda: hash(memoryview(bytearray(b"x"))))
show(lambda: hash(h.cast("H")))
show(lambda: m < m)
show(lambda: m <= b"abc")
show(lambda: m > bytearray(b"a"))
show(lambda: m.__lt__(m))
show(lambda: m.__eq__(b"abc"))
show(lambda: m.__eq__("abc"))
print(sorted([memoryview(b"b") == b"b", memoryview(b"a") == b"b"]))
