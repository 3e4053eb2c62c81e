# seek() and tell() on text files: positions are byte offsets usable to come back.
P = "/tmp/crabby_io_seek_tell.txt"
with open(P, "w") as f:
    f.write("alpha\nbeta \u00e9\ngamma\n")
    print(f.tell())

with open(P) as f:
    print(f.tell())
    f.readline()
    pos = f.tell()
    print(pos, repr(f.readline()), f.tell())
    f.seek(pos)
    print(repr(f.readline()))
    print(f.seek(0, 2), repr(f.read()))
    print(f.seek(0), repr(f.read(3)), f.tell())
    for args in [(1, 1), (1, 2), (-1,), (0, 3)]:
        try:
            f.seek(*args)
        except Exception as e:
            print(type(e).__name__, e)

with open(P) as f:
    for line in f:
        try:
            f.tell()
        except OSError as e:
            print(e)
            break
