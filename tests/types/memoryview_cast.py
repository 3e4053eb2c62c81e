# memoryview.cast between formats and shapes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


m = memoryview(bytes(range(16)))
for f in ("B", "b", "c", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "?", "@B", "@H"):
    c = m.cast(f)
    print(f, c.format, c.itemsize, len(c), c.nbytes, c.tolist()[:3], c.shape, c.strides, c.readonly)
print(m.cast("f").tolist()[:2], m.cast("d").tolist(), m.cast("e").tolist()[:2])
print(m.cast("H").cast("B").tolist()[:4], m.cast("H").cast("c")[1], m.cast("H")[1:3].tobytes(), m.cast("H").hex()[:8])
print(m.cast("B", (4, 4)).tolist(), m.cast("B", [16]).shape, m.cast("H", (2, 4)).tolist())
print(m.cast("B", (2, 2, 4)).shape, m.cast("B", (2, 2, 4)).strides, m.cast("B", (2, 2, 4)).ndim, len(m.cast("B", (4, 4))))
print(m.cast("B", (4, 4))[1, 2], m.cast("B", (4, 4))[-1, -1], m.cast("B", (4, 4)).tobytes() == bytes(range(16)))
print(m.cast("B", (4, 4)).cast("B").shape, m.cast("B", (1, 16)).tolist())
z = memoryview(b"\x07").cast("B", [])
print(z.ndim, z.shape, z.strides, z.tolist(), z[()], z.tobytes(), z[...] is z)
show(lambda: len(z))
show(lambda: z[0])
show(lambda: list(z))
show(lambda: m.cast("B", (4, 4))[0])
show(lambda: m.cast("B", (4, 4))[0, 9])
show(lambda: m.cast("B", (4, 4))[0, 1, 2])
show(lambda: list(m.cast("B", (4, 4))))
show(lambda: m.cast("x"))
show(lambda: m.cast("<B"))
show(lambda: m.cast("BB"))
show(lambda: m.cast(""))
show(lambda: m.cast(1))
show(lambda: m.cast())
show(lambda: m.cast("H").cast("I"))
show(lambda: memoryview(b"abc").cast("H"))
show(lambda: m[::2].cast("B"))
show(lambda: m.cast("B", (4, 5)))
show(lambda: m.cast("B", 16))
show(lambda: m.cast("B", ["4", 4]))
show(lambda: m.cast("B", (0, 16)))
show(lambda: m.cast("B", (4, 4)).cast("B", (2, 8)))
show(lambda: memoryview(b"").cast("B", (1,)))
w = memoryview(bytearray(8)).cast("H")
w[0] = 513
w[1] = 65535
print(w.obj, w.tolist())
show(lambda: w.__setitem__(0, 65536))
show(lambda: w.__setitem__(0, -1))
show(lambda: w.__setitem__(0, 1.0))
d = memoryview(bytearray(8)).cast("d")
d[0] = 1.5
print(d.tolist(), d.obj)
d[0] = 2
print(d.tolist())
show(lambda: d.__setitem__(0, "x"))
q = memoryview(bytearray(2)).cast("?")
q[0] = 5
q[1] = []
print(q.tolist(), q.obj)
s = memoryview(bytearray(2)).cast("b")
s[0] = -128
print(s.tolist(), s.obj)
show(lambda: s.__setitem__(1, 128))
