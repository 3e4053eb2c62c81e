# bytes.decode with codecs and error handlers.


def show(f):
    try:
        print(repr(f()))
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e.encoding, e.object, e.start, e.end, e.reason)
    except Exception as e:
        print(type(e).__name__ + ":", e)


data = "caf\xe9 \u20ac \U0001f600".encode()
print(data.decode(), data.decode("utf-8"), data.decode("UTF8"), data.decode(encoding="utf_8"))
print(b"abc".decode("ascii"), b"\xe9".decode("latin-1"), b"\x80".decode("cp1252"), b"\xef\xbb\xbfx".decode("utf-8-sig"))
print(b"\xff\xfea\x00".decode("utf-16"), b"\x00a".decode("utf-16-be"), b"a\x00\x00\x00".decode("utf-32-le"))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode(errors="backslashreplace"))
print(b"\xe2\x82(".decode("utf-8", "replace"), b"a\x80\x81b".decode("ascii", "replace"))
print(bytearray(b"caf\xc3\xa9").decode(), memoryview(b"mv").tobytes().decode())
show(lambda: b"\xff".decode())
show(lambda: b"ab\xe2\x82".decode())
show(lambda: b"\xe2\x28".decode())
show(lambda: b"\xffabc".decode("ascii"))
show(lambda: b"\x81".decode("cp1252"))
show(lambda: b"a\x00b".decode("utf-16-le"))
show(lambda: b"x".decode("no-such-codec"))
show(lambda: b"x".decode(1))
show(lambda: b"x".decode("utf-8", 1))
show(lambda: b"x".decode("utf-8", "strict", 1))
show(lambda: b"x".decode(foo="x"))
show(lambda: b"x".decode("utf-8", encoding="utf-8"))
try:
    b"ok\xffno".decode()
except UnicodeDecodeError as e:
    print(isinstance(e, ValueError), isinstance(e, UnicodeError), e.args[0], e.args[2:])
