# print() writes through sys.stdout: reassigning it, print(file=...), sys.stdout = None, the stream's methods.
import sys
from _io import StringIO

saved = sys.stdout
buf = StringIO()
sys.stdout = buf
print("captured", 1, 2, sep="-")
print("second")
sys.stdout = saved
print("back:", repr(buf.getvalue()))
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)

class Collector:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")

c = Collector()
print("a", "b", file=c, flush=True)
print(c.parts)

sys.stdout = None
print("dropped")
sys.stdout = saved
print("visible")
print(sys.stdout.write("via write\n"))
sys.stdout.writelines(["w1\n", "w2\n"])
print(sys.stdout.writable(), sys.stdout.readable(), sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno(), sys.stdout.name, sys.stdout.mode)
try:
    print("x", file=sys.stdin)
except Exception as e:
    print(type(e).__name__, e)
