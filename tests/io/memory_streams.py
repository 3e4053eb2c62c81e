# io.StringIO and io.BytesIO.
import _io as io

s = io.StringIO("hello\nworld\n")
print(s.read(3), repr(s.readline()), s.tell(), s.readlines(), repr(s.read()))
print(s.seek(0), list(s), s.getvalue() == "hello\nworld\n")
s.seek(0, 2)
print(s.write("more"), s.tell(), repr(s.getvalue()))
s.seek(20)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
print(s.readable(), s.writable(), s.seekable(), s.closed, s.line_buffering)
s.close()
print(s.closed)
for op in [s.read, s.getvalue, s.tell]:
    try:
        op()
    except ValueError as e:
        print(e)

for nl in [None, "", "\n", "\r", "\r\n"]:
    t = io.StringIO("a\nb\r\nc\rd", newline=nl)
    print(repr(nl), repr(t.getvalue()), t.readlines(), repr(t.newlines))

with io.StringIO() as t:
    print("x", 1, file=t)
    print("y", end="", file=t)
    print(repr(t.getvalue()))

b = io.BytesIO(b"abc\ndef\n")
print(b.read(2), b.readline(), b.tell(), b.read(), b.read())
print(b.seek(0), list(b), b.getvalue())
b.seek(10)
print(b.write(b"Z"), b.getvalue())
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.tell())
buf = bytearray(4)
b.seek(0)
print(b.readinto(buf), buf, b.read1(2), b.readable(), b.writable(), b.seekable(), b.isatty())
print(b.truncate(3), b.getvalue(), bytes(b.getbuffer()), len(b.getbuffer()))
b.close()
try:
    b.read()
except ValueError as e:
    print(e)

for bad in [lambda: io.StringIO(b"x"), lambda: io.StringIO().write(b"x"), lambda: io.BytesIO().write("x"),
            lambda: io.StringIO("abc").seek(1, 1), lambda: io.StringIO("abc").seek(-1),
            lambda: io.BytesIO(b"abc").seek(-1), lambda: io.BytesIO(b"abc").seek(0, 5),
            lambda: io.StringIO(newline="x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
