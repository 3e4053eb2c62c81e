# bytes.maketrans and bytes.translate.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


t = bytes.maketrans(b"abc", b"xyz")
print(len(t), t[97:100], t[:5], type(t).__name__)
print(b"aabbcc-abc".translate(t))
print(b"aabbcc-abc".translate(t, b"b"))
print(b"aabbcc-abc".translate(None, b"ac-"))
print(b"aabbcc-abc".translate(None))
print(b"abc".translate(t, delete=b"c"))
print(b"abc".translate(bytearray(t)), b"abc".translate(memoryview(t)))
print(b"".translate(t), bytes.maketrans(b"", b"") == bytes(range(256)))
print(b"abc".maketrans(b"a", b"A")[97], bytearray.maketrans(b"a", b"B")[97], type(bytearray.maketrans(b"", b"")).__name__)
print(bytes.maketrans(bytearray(b"ab"), memoryview(b"AB"))[97:99])
show(lambda: b"x".translate(b"short"))
show(lambda: b"x".translate("x" * 256))
show(lambda: b"x".translate(1))
show(lambda: b"x".translate(None, "x"))
show(lambda: b"x".translate())
show(lambda: b"x".translate(table=None))
show(lambda: b"x".translate(None, b"", b""))
show(lambda: b"x".translate(None, other=b""))
show(lambda: bytes.maketrans(b"ab", b"c"))
show(lambda: bytes.maketrans("ab", b"cd"))
show(lambda: bytes.maketrans(b"ab", "cd"))
show(lambda: bytes.maketrans(b"ab"))
show(lambda: bytes.maketrans(b"a", b"b", b"c"))
show(lambda: bytes.maketrans(frm=b"a", to=b"b"))
