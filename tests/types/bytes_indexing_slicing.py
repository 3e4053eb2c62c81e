# Indexing, slicing, iteration, len and `in` on bytes.

b = b"abcdefgh"
print(b[0], b[7], b[-1], b[-8])
print(b[2:5], b[:3], b[5:], b[:], b[::2], b[1::3], b[::-1], b[-3:], b[6:2], b[6:2:-1])
print(b[100:], b[-100:2], b[2:100])
print(type(b[1:3]).__name__, type(b[1]).__name__)
print(len(b), len(b""), bool(b""), bool(b"\x00"))
print(list(b), list(b"")[:], tuple(b"xyz"))
print(list(reversed(b"abc")), sorted(b"cab"), max(b"abc"), min(b"abc"), sum(b"\x01\x02"))
it = iter(b"hi")
print(type(it).__name__, next(it), next(it), next(it, "done"))
print(97 in b, 122 in b, b"cd" in b, b"" in b, b"dc" in b, bytearray(b"ef") in b, memoryview(b"gh") in b)
for i, x in enumerate(b"xyz"):
    print(i, x)
a, c = b"AC"
print(a, c)


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


k, f, n = "a", 1.0, None
show(lambda: b[8])
show(lambda: b[-9])
show(lambda: b[k])
show(lambda: b[f])
show(lambda: b[n])
show(lambda: b[::0])
show(lambda: 256 in b)
show(lambda: -1 in b)
show(lambda: "a" in b)
show(lambda: 1.0 in b)
show(lambda: None in b)
show(lambda: b.__getitem__(2))
show(lambda: b.__getitem__(slice(1, 3)))
show(lambda: b.__len__())
show(lambda: b.__contains__(98))
show(lambda: bytes.__len__("str"))


class I:
    def __index__(self):
        return 2


print(b[I()], b[I():], b.__getitem__(I()))
