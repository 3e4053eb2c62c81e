# Error types and messages of the I/O stack, as CPython words them.
import _io as io

P = "/tmp/crabby_io_errors.txt"
open(P, "w").write("hello\nworld\n")

def t(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)

f = open(P, "rb", buffering=0)
f.close()
t(f.read); t(f.fileno); t(f.tell); t(lambda: repr(f))
f = open(P, "rb")
f.close()
t(f.read); t(f.readline); t(lambda: next(iter(f)))
f = open(P)
f.close()
t(f.read); t(f.readline); t(lambda: next(f)); t(lambda: f.write("x"))
f = open(P)
t(lambda: f.write("x")); t(lambda: f.buffer.write(b"x")); t(lambda: f.buffer.raw.write(b"x"))
f = open(P, "w")
t(f.read); t(f.buffer.read); t(f.buffer.raw.read); t(lambda: f.write(b"x")); t(lambda: f.buffer.write("x"))
f.close()
t(lambda: open("x", "rw"))
t(lambda: open("x", "rt b"))
t(lambda: open("x", "rbt"))
t(lambda: open("x", "rb", encoding="utf-8"))
t(lambda: open("x", "rb", errors="strict"))
t(lambda: open("x", "rb", newline=""))
t(lambda: open(3.5))
t(lambda: open(-1))
t(lambda: open("x", "r", closefd=False))
t(lambda: open("x", "U"))
t(lambda: open("x", ""))
t(lambda: open("x", "rr"))
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.UnsupportedOperation.__module__, io.DEFAULT_BUFFER_SIZE)
t(lambda: open("x", "r+w"))
