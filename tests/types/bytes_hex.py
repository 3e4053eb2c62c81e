# bytes.hex and bytes.fromhex.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


b = bytes(range(0, 256, 37)) + b"\xff"
print(b.hex(), b"".hex(), b"\x00".hex())
print(b.hex(":"), b.hex("-", 2), b.hex("-", -2), b.hex(" ", 3), b.hex(" ", -3), b.hex(b"_", 4), b.hex(":", 0))
print(b.hex(sep="|"), b.hex(sep="|", bytes_per_sep=100), b.hex(bytes_per_sep=2), b"abcde".hex(".", 5))
print(bytes.fromhex(""), bytes.fromhex("00ff7F"), bytes.fromhex(" 01 02  0a "), bytes.fromhex("\t01\n02\r\x0b\x0c03"))
print(bytes.fromhex(b.hex()) == b, bytearray.fromhex("6869"), type(b"".fromhex("00")).__name__)
show(lambda: bytes.fromhex("0"))
show(lambda: bytes.fromhex("0 1"))
show(lambda: bytes.fromhex("zz"))
show(lambda: bytes.fromhex("01 0g"))
show(lambda: bytes.fromhex("0x01"))
show(lambda: bytes.fromhex("\u00e901"))
show(lambda: bytes.fromhex("01\u3000"))
show(lambda: bytes.fromhex(b"01"))
show(lambda: bytes.fromhex(1))
show(lambda: bytes.fromhex())
show(lambda: bytes.fromhex("01", "02"))
show(lambda: bytes.fromhex(string="01"))
show(lambda: b.hex(""))
show(lambda: b.hex("::"))
show(lambda: b.hex(1))
show(lambda: b.hex([":"]))
show(lambda: b.hex("\xe9"))
show(lambda: b.hex(":", "2"))
show(lambda: b.hex(":", 2, 3))
show(lambda: b.hex(spam=1))


class B(bytes):
    pass


x = B.fromhex("6162")
print(type(x).__name__, x)
