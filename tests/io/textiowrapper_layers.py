# TextIOWrapper and the buffered classes built by hand over in-memory and file streams.
import _io as io
import sys

raw = io.BytesIO()
t = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n", line_buffering=True)
print(t.write("a\nb"), raw.getvalue(), t.line_buffering, t.write_through, t.encoding, t.errors)
t.flush()
print(raw.getvalue(), t.buffer is raw, t.newlines)
t.reconfigure(newline=None, line_buffering=False)
t.write("c\n")
print(t.detach() is raw)
try:
    t.write("x")
except ValueError as e:
    print(e)

r = io.TextIOWrapper(io.BytesIO("x\u00e9\r\ny\rz".encode("latin-1")), encoding="latin-1")
print(r.readlines(), r.newlines, r.readable(), r.writable(), r.seekable())

P = "/tmp/crabby_io_layers.bin"
f = io.FileIO(P, "w")
print(f.mode, f.write(b"raw bytes\n"), f.tell(), f.closefd, f.readable(), f.writable())
f.close()
print(f.closed, repr(f))
w = io.BufferedWriter(io.FileIO(P, "a"), buffer_size=4)
print(w.write(b"buffered\n"), w.raw.mode)
w.close()
r = io.BufferedReader(io.FileIO(P), 8)
print(r.read(3), r.peek(2)[:2], r.read1(100), r.read(), r.raw.name == P)
r.close()
rw = io.BufferedRWPair(io.BytesIO(b"left"), io.BytesIO())
print(rw.read(2), rw.write(b"right"), rw.readable(), rw.writable(), rw.closed)

def opener(path, flags):
    print("opener called", path == P)
    return io.FileIO(path, "r").fileno() if False else __import__("_io").open(path, "rb", buffering=0).fileno()

sys.stdout.write("text then ")
sys.stdout.flush()
sys.stdout.buffer.write(b"bytes\n")
sys.stdout.buffer.flush()
print(type(sys.stdout.buffer).__name__, type(sys.stdout.buffer.raw).__name__, sys.stdout.buffer.raw.name)
for bad in [lambda: io.BufferedReader(io.FileIO(P, "w")), lambda: io.BufferedWriter(io.BytesIO(), 0),
            lambda: io.TextIOWrapper(io.BytesIO(), encoding="nope"), lambda: io.TextIOWrapper(io.BytesIO(), newline="\t")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
