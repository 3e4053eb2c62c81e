# Writing through a memoryview of a bytearray.


def show(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


data = bytearray(b"abcdef")
w = memoryview(data)
w[0] = 65
w[-1] = 70
w[1:3] = b"XY"
print(data)
w[::2] = b"123"
print(data)
w[::-1] = bytearray(b"zyxwvu")
print(data)
w[2:4] = memoryview(b"MM")
print(data)
w[1:5][::2] = b"__"
print(data, w.tobytes())
show(lambda: w.__setitem__(0, 256))
show(lambda: w.__setitem__(0, -1))
show(lambda: w.__setitem__(0, b"a"))
show(lambda: w.__setitem__(0, 1.5))
show(lambda: w.__setitem__(6, 1))
show(lambda: w.__setitem__("a", 1))
show(lambda: w.__setitem__(slice(0, 2), b"abc"))
show(lambda: w.__setitem__(slice(0, 2), [1, 2]))
show(lambda: w.__setitem__(slice(0, 2), "ab"))
show(lambda: w.__setitem__(slice(0, 2), memoryview(b"ab").cast("c")))
show(lambda: w.__setitem__(..., 1))
show(lambda: w.__delitem__(0))
show(lambda: w.__delitem__(slice(0, 1)))
r = memoryview(b"readonly")
show(lambda: r.__setitem__(0, 1))
show(lambda: r.__setitem__(slice(0, 1), b"x"))
show(lambda: r.__delitem__(0))
show(lambda: w.toreadonly().__setitem__(0, 1))
c = memoryview(bytearray(b"chars")).cast("c")
c[0] = b"C"
print(c.obj, c[0], c.tolist())
show(lambda: c.__setitem__(0, 1))
show(lambda: c.__setitem__(0, b"xy"))
show(lambda: c.__setitem__(0, "x"))
c[1:3] = memoryview(b"HA").cast("c")
print(c.obj)
data2 = bytearray(b"x")
m2 = memoryview(data2)
m2[0] = True
print(data2)
