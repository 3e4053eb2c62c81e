# Classes written in Python on top of io.RawIOBase / io.TextIOBase / io.BufferedIOBase get the generic methods.
import io

class Numbers(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
    def readable(self):
        return True
    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + min(len(b), 3)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)

r = Numbers(b"one\ntwo\nthree")
print(r.read(2), r.readline(), list(r), r.closed)
r = Numbers(b"abc\ndef")
print(r.readall(), r.readable(), r.writable(), r.seekable())
with Numbers(b"x\ny\n") as r:
    print(r.readlines())
print(r.closed)
try:
    r.read()
except ValueError as e:
    print(e)

buffered = io.BufferedReader(Numbers(b"line 1\nline 2\nline 3\n"), 4)
print(buffered.readline(), buffered.read(3), buffered.peek(1)[:1], buffered.read())
text = io.TextIOWrapper(io.BufferedReader(Numbers("caf\u00e9\nbar\n".encode())), encoding="utf-8")
print(text.readlines())

class Upper(io.TextIOBase):
    def __init__(self):
        self.out = []
    def writable(self):
        return True
    def write(self, s):
        self.out.append(s.upper())
        return len(s)

u = Upper()
print("hello", "world", file=u)
u.writelines(["a", "b"])
print(u.out, u.encoding, u.newlines, u.closed)
u.close()
print(u.closed)
try:
    u.read()
except io.UnsupportedOperation as e:
    print(type(e).__name__, e)

print(isinstance(u, io.IOBase), isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase))
print(issubclass(io.FileIO, io.RawIOBase), isinstance(open(__file__, "rb"), io.BufferedIOBase))
w = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", newline="\r\n")
w.write("x\ny\n")
w.flush()
print(w.buffer.getvalue(), w.encoding, w.errors)
w.reconfigure(encoding="utf-8")
w.write("\u00e9")
w.flush()
print(w.buffer.getvalue())
d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines)
