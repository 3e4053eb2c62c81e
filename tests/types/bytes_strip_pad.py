# strip, lstrip, rstrip, center, ljust, rjust, zfill and expandtabs on bytes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


s = b" \t\n\x0b\x0c\r hello \x1c\r\n "
print(s.strip(), s.lstrip(), s.rstrip(), s.strip(None))
print(b"xxhixx".strip(b"x"), b"xyhiyx".lstrip(b"xy"), b"xyhiyx".rstrip(bytearray(b"yx")), b"abc".strip(b""))
print(b"\x00a\x00".strip(b"\x00"), b"aaa".strip(b"a"), b"".strip(), b"abc".strip(memoryview(b"ac")))
print(b"ab".center(6), b"ab".center(7), b"abc".center(6, b"*"), b"abc".center(2), b"a".center(4, bytearray(b"-")))
print(b"ab".ljust(5), b"ab".ljust(5, b"."), b"ab".rjust(5), b"ab".rjust(5, b"0"), b"abc".ljust(-1), b"ab".rjust(True))
print(b"42".zfill(5), b"-42".zfill(5), b"+42".zfill(5), b"42".zfill(1), b"".zfill(3), b"-".zfill(3), b"ab".zfill(4))
print(b"a\tb\tc".expandtabs(), b"a\tb\tc".expandtabs(4), b"a\tbc\td\n\te".expandtabs(3), b"\t".expandtabs(0))
print(b"12345\t|\r\t|".expandtabs(tabsize=4), b"x\ty".expandtabs(-1), b"abc".expandtabs(2))
show(lambda: b"x".strip("x"))
show(lambda: b"x".strip(1))
show(lambda: b"x".lstrip(b"x", b"y"))
show(lambda: b"x".rstrip(chars=b"x"))
show(lambda: b"x".center())
show(lambda: b"x".center(5, "*"))
show(lambda: b"x".center(5, b"**"))
show(lambda: b"x".center(5, 42))
show(lambda: b"x".center("5"))
show(lambda: b"x".center(5.0))
show(lambda: b"x".ljust(5, b"a", b"b"))
show(lambda: b"x".rjust(width=5))
show(lambda: b"x".zfill())
show(lambda: b"x".zfill("3"))
show(lambda: b"x".expandtabs("4"))
show(lambda: b"x".expandtabs(4, 5))
show(lambda: b"x".expandtabs(tab=4))
