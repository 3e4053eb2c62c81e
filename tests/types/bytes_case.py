# Case mappings and character classes of bytes: ASCII only.

samples = [b"", b"hello", b"HELLO", b"Hello World", b"hello world", b"mIxEd 123", b"123", b"   ", b"\t\n\x0b\x0c\r ",
           b"a1", b"\xe9t\xe9", b"caf\xc3\xa9", b"Title Case Words", b"3rd place", b"o'neil mc-donald", b"\x1c", b"ABC1"]
for b in samples:
    print(b, b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize())
    print(" ", b.isalnum(), b.isalpha(), b.isascii(), b.isdigit(), b.islower(), b.isupper(), b.isspace(), b.istitle())
print(bytes(range(256)).upper() == bytes(range(97)) + bytes(range(65, 91)) + bytes(range(123, 256)))
print(b"\x80".isascii(), b"\x7f".isascii(), b"\xb2".isdigit(), b"\xaa".isalpha())


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: b"x".upper(1))
show(lambda: b"x".isalpha(x=1))
show(lambda: bytes.lower("str"))
show(lambda: bytes.lower(bytearray(b"X")))
show(lambda: bytes.upper())
show(lambda: bytes.title(b"ab cd"))
