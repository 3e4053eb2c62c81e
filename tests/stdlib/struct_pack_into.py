# _struct: pack_into/unpack_from on bytearray buffers.
import struct

s = struct.Struct("<ih")
buf = bytearray(10)
s.pack_into(buf, 2, 513, -1)
print(buf)
struct.pack_into(">h", buf, -2, 258)
print(buf)
print(struct.unpack_from("<h", buf, -2), struct.unpack_from("<h", buffer=buf, offset=4))
print(struct.unpack("i", bytearray(b"abcd")))
ba = bytearray(8)
for args in [(5, 1), (-20, 1), (-2, 1)]:
    try:
        struct.pack_into("i", ba, *args)
    except struct.error as e:
        print(e)
print(ba, struct.pack("s", bytearray(b"xy")), struct.pack("2p", bytearray(b"xy")))
print(struct.pack("300p", b"a" * 300)[:3], len(struct.pack("300p", b"a" * 300)))
print(list(struct.iter_unpack("<h", bytearray(b"\x01\x00\x02\x00"))))
for args in [(), (ba,), (ba, 0)]:
    try:
        struct.pack_into("i", *args)
    except struct.error as e:
        print(e)
try:
    struct.pack("c", bytearray(b"a"))
except struct.error as e:
    print(e)
