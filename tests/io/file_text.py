# Text files: writing, reading back, iteration by lines, readline/readlines, append and exclusive modes.
P = "/tmp/crabby_io_file_text.txt"

with open(P, "w") as f:
    print(f.write("first line\n"), f.write("second\n"), f.write("caf\u00e9 \u20ac\n"), f.write("no newline"))
    print(f.closed, f.mode, f.name, f.encoding, f.line_buffering)
print(f.closed)

with open(P) as f:
    print(repr(f.read()))

with open(P) as f:
    for i, line in enumerate(f):
        print(i, repr(line))

with open(P) as f:
    print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()), f.readlines())
    print(repr(f.readline()), repr(f.read()))

with open(P) as f:
    print(f.read(5), f.read(0), repr(f.read(100)))

with open(P, "a") as f:
    f.write("\nappended\n")
with open(P) as f:
    print(f.readlines()[-2:])

try:
    open(P, "x")
except FileExistsError as e:
    print(type(e).__name__)

with open(P, "w") as f:
    f.writelines(["a\n", "b\n", "c"])
with open(P, "r+") as f:
    print(repr(f.read()))
    f.write("!")
    f.seek(0)
    print(repr(f.read()))

print(list(open(P)))
f = open(P)
print(next(f), end="")
f.close()
print(f.closed)
