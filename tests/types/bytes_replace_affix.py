# replace, removeprefix and removesuffix on bytes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


b = b"one two one three one"
print(b.replace(b"one", b"1"))
print(b.replace(b"one", b"1", 2))
print(b.replace(b"one", b"1", 0))
print(b.replace(b"one", b"1", -1))
print(b.replace(b"one", b""))
print(b.replace(b"zzz", b"y"))
print(b"abc".replace(b"", b"-"))
print(b"abc".replace(b"", b"-", 2))
print(b"".replace(b"", b"x"))
print(b"aaaa".replace(b"aa", b"b"))
print(b"abc".replace(bytearray(b"b"), memoryview(b"BB")))
print(b"a\x00b".replace(b"\x00", b"\xff\xfe"))
print(b.removeprefix(b"one "), b.removeprefix(b"two"), b.removeprefix(b""), b.removeprefix(bytearray(b"on")))
print(b.removesuffix(b" one"), b.removesuffix(b"x"), b.removesuffix(b""), b"ab".removesuffix(b"ab"))
show(lambda: b.replace("one", b"1"))
show(lambda: b.replace(b"one", "1"))
show(lambda: b.replace(b"one"))
show(lambda: b.replace(b"one", b"1", "2"))
show(lambda: b.replace(b"one", b"1", 2.0))
show(lambda: b.replace(b"one", b"1", count=2))
show(lambda: b.replace(b"a", b"b", 1, 2))
show(lambda: b.removeprefix("one"))
show(lambda: b.removeprefix(1))
show(lambda: b.removesuffix())
show(lambda: b.removesuffix(b"a", b"b"))
show(lambda: b.removeprefix(prefix=b"one"))
