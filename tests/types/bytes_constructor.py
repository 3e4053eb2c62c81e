# bytes(...): every form of the constructor, and its errors.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: bytes())
show(lambda: bytes(0))
show(lambda: bytes(3))
show(lambda: bytes(True))
show(lambda: bytes(-1))
show(lambda: bytes([]))
show(lambda: bytes([0, 1, 127, 128, 255]))
show(lambda: bytes((104, 105)))
show(lambda: bytes(range(97, 100)))
show(lambda: bytes(x * 2 for x in range(5)))
show(lambda: bytes({65: 1}))
show(lambda: bytes([256]))
show(lambda: bytes([-1]))
show(lambda: bytes([1, "a"]))
show(lambda: bytes([1.0]))
show(lambda: bytes(b"copy"))
show(lambda: bytes(bytearray(b"from bytearray")))
show(lambda: bytes(memoryview(b"from view")))
show(lambda: bytes(memoryview(b"abcdef")[::2]))
show(lambda: bytes("text", "ascii"))
show(lambda: bytes("caf\xe9", "utf-8"))
show(lambda: bytes("caf\xe9", "latin-1"))
show(lambda: bytes("caf\xe9", encoding="utf-16-le"))
show(lambda: bytes("caf\xe9", "ascii", "replace"))
show(lambda: bytes("caf\xe9", "ascii", errors="ignore"))
show(lambda: bytes("caf\xe9", "ascii", "xmlcharrefreplace"))
show(lambda: bytes(source="x", encoding="utf-8"))
show(lambda: bytes("text"))
show(lambda: bytes("text", errors="strict"))
show(lambda: bytes(b"x", "ascii"))
show(lambda: bytes(3, "ascii"))
show(lambda: bytes(encoding="utf-8"))
show(lambda: bytes(errors="strict"))
show(lambda: bytes(3, errors="strict"))
show(lambda: bytes("x", "no-such-codec"))
show(lambda: bytes("x", 1))
show(lambda: bytes("x", "utf-8", 2))
show(lambda: bytes(1.5))
show(lambda: bytes(None))
show(lambda: bytes(object()))
show(lambda: bytes(1, 2, 3, 4))
show(lambda: bytes(b"x", spam=1))
show(lambda: bytes(b"x", source=b"y"))


class WithBytes:
    def __bytes__(self):
        return b"from __bytes__"


class BadBytes:
    def __bytes__(self):
        return "not bytes"


class Index:
    def __index__(self):
        return 4


show(lambda: bytes(WithBytes()))
show(lambda: bytes(BadBytes()))
show(lambda: bytes(Index()))
show(lambda: bytes([Index(), 65]))
print(type(bytes()).__name__, bytes is type(b""))
