# _struct: pack/unpack of every format code, byte orders, alignment, sizes, Struct objects, iter_unpack.
import _struct
import struct

print(struct.pack is _struct.pack, struct.error is _struct.error, struct.Struct is _struct.Struct)
print(_struct.error, _struct.error.__mro__[1], _struct.Struct, _struct.Struct.__module__)

for fmt in ["i", "@bi", "=bi", "<bi", ">bi", "!bi", "bq0i", "5s3x2p", "@e?d", "< i", "ii i", "l", "<l", "n", "N", "P",
            "q", "Q", "0s", "<5x", "10c", "3?"]:
    print(repr(fmt), struct.calcsize(fmt))

print(struct.pack("<ih", 1, 2), struct.pack(">ih", 1, -2), struct.pack("@hxi", 1, 2), struct.pack("=hxi", 1, 2))
print(struct.pack("<bBhHiIlLqQ", -128, 255, -32768, 65535, -2**31, 2**32 - 1, -2**31, 2**32 - 1, -2**63, 2**64 - 1))
print(struct.pack(">bBhHiIlLqQ", -1, 1, -1, 1, -1, 1, -1, 1, -1, 1))
print(struct.unpack("<bBhHiIlLqQ", b'\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !"#$%&'))
print(struct.unpack(">bBhHiIlLqQ", b'\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed'))
print(struct.pack("nNP", -5, 7, 9), struct.unpack("nNP", b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'))
print(struct.pack("P", -1))
print(struct.pack("<?3?", [], 1, 0, "x"), struct.unpack("??", b"\x00\x05"))
print(struct.pack("c2c", b"a", b"b", b"c"), struct.unpack("<c", b"z"))
print(struct.pack("5s", b"ab"), struct.pack("2s", b"abcdef"), struct.pack("0s", b"ab"), struct.pack("s", b"xy"))
print(struct.pack("5p", b"abcdefg"), struct.pack("1p", b"abc"), struct.pack("3p", b"a"), struct.pack("0p", b"ab"))
print(struct.calcsize("300p"))
print(struct.unpack("<3s2p", b"abc\x05x"), struct.unpack("4p", b"\x09abc"))
print(struct.pack("<fd", 1.5, -2.25), struct.pack(">fd", 1.5, -2.25), struct.unpack("<fd", struct.pack("<fd", 0.1, 0.1)))
print(struct.pack("<d", float("inf")), struct.pack("<d", float("-inf")), struct.unpack("<f", b"\x00\x00\xc0\x7f"))
for x in [1.5, -0.0, 65504.0, 65519.0, 6e-8, 1e-8, 3e-5, 0.1, 2.0**-24, float("inf"), float("nan"), 1/3]:
    b = struct.pack("<e", x)
    print(x, b, struct.unpack("<e", b), struct.pack(">e", x))
print(struct.unpack("<e", b"\x00\x7c"), struct.unpack("<e", b"\x00\xfc"), struct.unpack("<e", b"\x01\x00"))
print(struct.pack("i", True), struct.pack("f", 3), struct.pack("d", 2**70))


class Idx:
    def __index__(self):
        return 7


print(struct.pack("i", Idx()), struct.pack("f", Idx()), struct.pack("<Q", 2**64 - 1))
print(struct.pack("@ci", b"x", 1), struct.pack("=ci", b"x", 1), struct.pack(">ci", b"x", 1))
print(struct.pack(b"<h", 3), struct.unpack(b">h", b"\x00\x03"))

s = struct.Struct("<ih")
print(s.format, s.size, s.pack(1, 2), s.unpack(b"\x01\x00\x00\x00\x02\x00"), type(s.format))
print(struct.Struct(b">i").format)
print(s.unpack_from(b"xx\x01\x00\x00\x00\x02\x00", 2), s.unpack_from(b"\x01\x00\x00\x00\x02\x00", offset=0))

it = struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(list(s.iter_unpack(b"\0\0\0\0\0\0\1\0\0\0\0\0")))


class MyStruct(struct.Struct):
    def __init__(self, fmt):
        super().__init__(fmt)
        self.extra = "extra"


m = MyStruct("<h")
print(type(m).__name__, m.size, m.format, m.pack(3), m.extra, isinstance(m, struct.Struct))
x = struct.Struct("<q")
x.__init__(">h")
print(x.size, x.format, x.pack(1))
struct._clearcache()
print(struct.unpack("<I", struct.pack("<I", 4000000000)))
