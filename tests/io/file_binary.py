# Binary files: buffered readers/writers, unbuffered FileIO, seek/tell, readinto, peek, read1, truncate.
P = "/tmp/crabby_io_file_binary.bin"

with open(P, "wb") as f:
    print(type(f).__name__, f.write(b"0123456789"), f.write(bytearray(b"abc")), f.tell())
    print(f.write(memoryview(b"XYZ")))

with open(P, "rb") as f:
    print(type(f).__name__, f.read(4), f.tell(), f.peek(1)[:1], f.read1(3), f.read())
    print(f.read(), f.tell())
    print(f.seek(2), f.read(3), f.seek(-3, 2), f.read(), f.seek(-4, 1), f.read(2))

with open(P, "rb") as f:
    b = bytearray(5)
    print(f.readinto(b), b)
    print(f.readline(), f.readlines())

with open(P, "r+b") as f:
    print(type(f).__name__, f.read(3))
    f.write(b"---")
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())

with open(P, "rb", buffering=0) as f:
    print(type(f).__name__, f.read(2), f.readall(), f.mode, f.closefd)

with open(P, "ab") as f:
    print(f.tell(), f.write(b"+"), f.tell())
with open(P, "rb") as f:
    print(f.read())

with open(P, "wb") as f:
    f.write(b"line1\nline2\r\nline3")
with open(P, "rb") as f:
    print(list(f))
print(open(P, "rb").read(2))
