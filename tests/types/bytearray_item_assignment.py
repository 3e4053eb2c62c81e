# Item and slice assignment and deletion on bytearray.


def run(code):
    b = bytearray(b"abcdef")
    try:
        r = code(b)
        print(repr(r), b)
    except Exception as e:
        print(type(e).__name__ + ":", e, b)


def setitem(k, v):
    def f(b):
        b[k] = v
    return f


def delitem(k):
    def f(b):
        del b[k]
    return f


run(setitem(0, 65))
run(setitem(-1, 90))
run(setitem(2, True))
run(setitem(6, 65))
run(setitem(-7, 65))
run(setitem(0, 256))
run(setitem(0, -1))
run(setitem(0, b"A"))
run(setitem(0, "A"))
run(setitem("a", 65))
run(setitem(1.0, 65))
run(setitem(slice(1, 3), b"XYZ"))
run(setitem(slice(1, 3), b""))
run(setitem(slice(1, 3), [1, 2]))
run(setitem(slice(1, 3), range(3)))
run(setitem(slice(1, 3), bytearray(b"BA")))
run(setitem(slice(1, 3), memoryview(b"MV")))
run(setitem(slice(0, 0), b"front"))
run(setitem(slice(6, 6), b"end"))
run(setitem(slice(4, 2), b"mid"))
run(setitem(slice(None), b"all"))
run(setitem(slice(1, 3), "ab"))
run(setitem(slice(1, 3), 5))
run(setitem(slice(1, 3), 5.0))
run(setitem(slice(1, 3), None))
run(setitem(slice(1, 3), [300]))
run(setitem(slice(1, 3), ["a"]))
run(setitem(slice(None, None, 2), b"XYZ"))
run(setitem(slice(None, None, 2), b"XY"))
run(setitem(slice(None, None, -1), b"123456"))
run(setitem(slice(1, None, 2), [1, 2, 3]))
run(setitem(slice(None, None, 0), b""))
run(delitem(0))
run(delitem(-1))
run(delitem(6))
run(delitem("x"))
run(delitem(slice(1, 4)))
run(delitem(slice(None, None, 2)))
run(delitem(slice(None, None, -2)))
run(delitem(slice(4, 1)))
run(delitem(slice(None)))
run(lambda b: b.__setitem__(1, 66))
run(lambda b: b.__delitem__(1))
run(lambda b: b.__setitem__(1))
b = bytearray(b"abcdef")
b[1:3] = b
print(b)
b = bytearray(b"abcdef")
b[::2] = b[1::2]
print(b)
b[:] = b"x" * 3
print(b, b[0], b[-1], b[1:], b[::-1])
print(type(b[1:]).__name__, repr(b[5:]))
