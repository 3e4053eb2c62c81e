# memoryview.release and the context manager protocol.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


v = memoryview(b"xyz")
print(v.tobytes())
print(v.release(), v.release())
show(lambda: v.tobytes())
show(lambda: v.tolist())
show(lambda: len(v))
show(lambda: v[0])
show(lambda: v[0:1])
show(lambda: v.format)
show(lambda: v.obj)
show(lambda: v.nbytes)
show(lambda: v.cast("B"))
show(lambda: v.hex())
show(lambda: bytes(v))
show(lambda: b"a" + v)
show(lambda: memoryview(v))
show(lambda: v.__enter__())
show(lambda: bool(v))
show(lambda: hash(v))
print(repr(v).startswith("<released memory at 0x"), repr(memoryview(b"")).startswith("<memory at 0x"))
print(v == v, v == b"xyz", v != b"xyz")
with memoryview(b"ctx") as q:
    print(q.tobytes(), q.readonly)
show(lambda: q.tobytes())
m = memoryview(b"exit")
print(m.__enter__() is m, m.__exit__(None, None, None))
show(lambda: m[0])
try:
    with memoryview(bytearray(b"err")) as e:
        raise KeyError("inside")
except KeyError as exc:
    print("KeyError", exc)
show(lambda: e.tobytes())
s = memoryview(b"parent")
child = s[1:3]
s.release()
print(child.tobytes())
show(lambda: s[1:3])
