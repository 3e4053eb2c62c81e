# binascii: hex, base64, uuencode, quoted-printable, crc32/crc_hqx, with CPython's errors.
import binascii as B


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


print(B.Error.__mro__[1].__name__, B.Incomplete.__mro__[1].__name__, B.Error.__module__, B.Error.__name__)
t(B.hexlify, b"\x01\xab")
t(B.hexlify, b"\x01\xab\xcd", "-")
t(B.hexlify, b"\x01\xab\xcd\xef\x11", b":", 2)
t(B.hexlify, b"\x01\xab\xcd\xef\x11", ":", -2)
t(B.b2a_hex, b"\x01\xab\xcd\xef\x11\x22\x33", sep=" ", bytes_per_sep=3)
t(B.b2a_hex, b"\x01\xab\xcd\xef\x11\x22\x33", sep=" ", bytes_per_sep=-3)
t(B.hexlify, b"", ":")
t(B.hexlify, b"abc", ":", 0)
t(B.hexlify, b"abc", ":", 5)
t(B.hexlify, b"ab", "\xe9")
t(B.hexlify, "ab")
t(B.hexlify, b"ab", "xx")
t(B.hexlify, b"ab", 1)
t(B.hexlify, b"ab", "\u20ac")
t(B.hexlify)
t(B.hexlify, b"a", ":", 1, 2)
t(B.unhexlify, b"01ab")
t(B.unhexlify, "01AB")
t(B.a2b_hex, b"fF00")
t(B.unhexlify, b"1")
t(B.unhexlify, b"zz")
t(B.unhexlify, "\xe9\xe9")
t(B.unhexlify, 1)
t(B.unhexlify, b"a", b"b")

t(B.b2a_base64, b"hello")
t(B.b2a_base64, b"hello", newline=False)
t(B.b2a_base64, b"")
t(B.b2a_base64, b"\xff" * 10 + b"\x00\x01\xfe")
t(B.b2a_base64, "x")
t(B.b2a_base64, b"a", True)
for s in [b"aGVsbG8=\n", "aGVsbG8=", b"aGVsbG8", b"a", b"aGVs*bG8=", b"aGVsbA==x", b"aG=VsbA==", b"a===", b"ab=c",
          b"abcde", b"abcdef", b"abcdefg", b"aGVsbA==aGVsbA==", b"", b"====", b"YQ", b"YQ=", b"YQ==", b"Y Q = =", "\xe9"]:
    t(B.a2b_base64, s)
for s in [b"aGVsbG8=", b" aGVsbG8=", b"aGVsbG8==", b"=aGVsbG8", b"aGVsbG8", b"aGVsbA=x", b"aGVsbA==", b"YQ=="]:
    t(B.a2b_base64, s, strict_mode=True)
t(B.a2b_base64, b"YQ==", strict_mode=False)

t(B.b2a_uu, b"hello")
t(B.b2a_uu, b"")
t(B.b2a_uu, b"", backtick=True)
t(B.b2a_uu, b"hello\x00\x00\x00", backtick=True)
t(B.b2a_uu, b"x" * 45)
t(B.b2a_uu, b"x" * 46)
t(B.a2b_uu, b"%:&5L;&\\\n")
t(B.a2b_uu, b"%:&5L;&\\ \n")
t(B.a2b_uu, b"%:&5L")
t(B.a2b_uu, b"%:&5L;&\\ab")
t(B.a2b_uu, b"\x7f")
t(B.a2b_uu, b" ")
t(B.a2b_uu, B.b2a_uu(b"The quick brown fox jumps over the lazy dog!!"))

t(B.b2a_qp, b"h\xe9llo = world\t\n")
t(B.b2a_qp, b"line one\r\nline two \r\n")
t(B.b2a_qp, b"a" * 100)
t(B.b2a_qp, b"a_b c", header=True)
t(B.b2a_qp, b"tab\there", quotetabs=True)
t(B.b2a_qp, b"x\ny", istext=False)
t(B.b2a_qp, b".\n.x")
t(B.b2a_qp, b"end ")
t(B.a2b_qp, b"h=E9llo=3D world=\n")
t(B.a2b_qp, b"a_b", header=True)
t(B.a2b_qp, "soft=\r\nbreak==x=4=")
t(B.a2b_qp, b"=4g=ZZ")

t(B.crc32, b"hello")
t(B.crc32, b"hello", 1)
t(B.crc32, b"hello", -1)
t(B.crc32, b"hello", 2**40)
t(B.crc32, b"world", B.crc32(b"hello "))
t(B.crc32, b"")
t(B.crc32, "x")
t(B.crc32)
t(B.crc_hqx, b"hello", 0)
t(B.crc_hqx, b"hello", 0xffff)
t(B.crc_hqx, b"hello", 0x1ffff)
t(B.crc_hqx, b"hello", -1)
t(B.crc_hqx, b"hello")
try:
    B.unhexlify(b"0")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e)
