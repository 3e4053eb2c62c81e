# bytearray(...): every form of the constructor, and its errors.


def show(f):
    try:
        print(repr(f()))
    except UnicodeError as e:
        print(type(e).__name__, e.encoding, e.object, e.start, e.end, e.reason)
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: bytearray())
show(lambda: bytearray(0))
show(lambda: bytearray(4))
show(lambda: bytearray(-1))
show(lambda: bytearray([1, 2, 255]))
show(lambda: bytearray((104, 105)))
show(lambda: bytearray(range(65, 70)))
show(lambda: bytearray(x for x in b"gen"))
show(lambda: bytearray([256]))
show(lambda: bytearray([-1]))
show(lambda: bytearray(["a"]))
show(lambda: bytearray(b"from bytes"))
show(lambda: bytearray(bytearray(b"copy")))
show(lambda: bytearray(memoryview(b"view")))
show(lambda: bytearray("text", "utf-8"))
show(lambda: bytearray("caf\xe9", "latin-1"))
show(lambda: bytearray("caf\xe9", "ascii", "replace"))
show(lambda: bytearray("caf\xe9", "ascii"))
show(lambda: bytearray("text"))
show(lambda: bytearray(b"x", "ascii"))
show(lambda: bytearray(3, "ascii"))
show(lambda: bytearray(encoding="utf-8"))
show(lambda: bytearray(errors="strict"))
show(lambda: bytearray("x", errors="strict"))
show(lambda: bytearray(1.5))
show(lambda: bytearray(None))
show(lambda: bytearray(object()))
show(lambda: bytearray(1, 2, 3, 4))
show(lambda: bytearray(spam=1))
show(lambda: bytearray("x", "nope"))


class WithBytes:
    def __bytes__(self):
        return b"ignored by bytearray"


show(lambda: bytearray(WithBytes()))
a = bytearray(b"orig")
b = bytearray(a)
b[0] = 79
print(a, b, a is b)
x = bytearray(b"ab")
x.__init__(b"xyz")
print(x)
x.__init__()
print(x)
x.__init__(3)
print(x)
x.__init__("t", "ascii")
print(x)
show(lambda: x.__init__("t"))
print(x)
print(type(bytearray()).__name__, bytearray.__name__)
