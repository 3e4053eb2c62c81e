# int() of text: exact str, bytes and bytearray are parsed directly; subclasses still use __int__,
# and __index__ first; whitespace, underscores, signs, non-ASCII digits and errors as CPython.


def show(x, *base):
    try:
        print(repr(x), "->", int(x, *base))
    except (ValueError, TypeError) as e:
        print(repr(x), "->", type(e).__name__, e)


for x in ["42", " -17 ", "+5", "1_000", "0", "00", "x", "", "  ", "1__0", "١٢٣", "４２", "\u2003 7 \u2003", "12ab"]:
    show(x)
for x in [b"99", b" 8\n", bytearray(b"-3"), b"z", bytearray(b"")]:
    show(x)
show("ff", 16)
show("0x1F", 0)
show("z", 36)
show(b"101", 2)
show("9" * 30)


class S(str):
    def __int__(self):
        return 1234


class SI(str):
    def __index__(self):
        return 55


class SP(str):
    pass


class B(bytes):
    def __int__(self):
        return -8


for x in [S("7"), SI("7"), SP("7"), B(b"7"), SP("bad")]:
    show(x)
