# Newline handling: universal newlines on read, translation on write, and the newlines attribute.
P = "/tmp/crabby_io_newlines.txt"

with open(P, "wb") as f:
    f.write(b"a\nb\r\nc\rd\r\n\re")

for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(P, newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), lines, repr(f.newlines))
    with open(P, newline=nl) as f:
        print(repr(nl), repr(f.read()))

for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(P, "w", newline=nl) as f:
        f.write("x\ny\r\nz\r")
    with open(P, "rb") as f:
        print(repr(nl), f.read())

with open(P, "w") as f:
    f.write("one\r\ntwo\n")
with open(P) as f:
    print(f.read(4), repr(f.read(1)), f.tell() if False else "", repr(f.read()))

try:
    open(P, newline="x")
except ValueError as e:
    print(e)
