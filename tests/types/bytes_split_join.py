# split, rsplit, splitlines, partition, rpartition and join on bytes.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


ws = b"  a b\tc\n d \x0b e\x0cf\r  "
print(ws.split(), ws.split(None, 2), ws.rsplit(None, 2), ws.split(maxsplit=0), ws.rsplit(maxsplit=1))
print(b"a\x1cb\x1dc\x85d\xa0e".split())
print(b"".split(), b"   ".split(), b"".split(b","), b"abc".split(b"abc"))
print(b"a,b,,c,".split(b","), b"a,b,,c,".split(b",", 1), b"a,b,,c,".rsplit(b",", 1), b"a,b,,c,".rsplit(b","))
print(b"aXYbXYc".split(b"XY"), b"aaa".split(b"aa"), b"aaa".rsplit(b"aa"), b"a,b".split(sep=b",", maxsplit=-1))
print(b"a,b".split(bytearray(b",")), b"a,b".split(memoryview(b",")), b"a.b.c".rsplit(b".", maxsplit=1))
print(b"l1\nl2\r\nl3\rl4".splitlines(), b"l1\nl2\r\nl3\rl4\n".splitlines(True))
print(b"a\x0bb\x0cc\x1cd".splitlines(), b"".splitlines(), b"\n".splitlines(), b"x\n\n".splitlines(keepends=True))
print(b"a=b=c".partition(b"="), b"a=b=c".rpartition(b"="), b"abc".partition(b"x"), b"abc".rpartition(b"x"))
print(b"a==b".partition(b"=="), b"abc".partition(bytearray(b"b")))
print(b",".join([b"a", b"b", b"c"]), b"".join([]), b"-".join([b"x"]), b", ".join((bytearray(b"ba"), memoryview(b"mv"))))
print(b"+".join(x for x in [b"g", b"e", b"n"]), b"".join(iter([b"i", b"t"])), b"\xff".join([b"\x00", b"\x01"]))
print(type(b"".join([bytearray(b"x")])).__name__)
show(lambda: b"a b".split(" "))
show(lambda: b"a b".split(1))
show(lambda: b"a b".split(b""))
show(lambda: b"a b".rsplit(b""))
show(lambda: b"a b".split(b" ", "1"))
show(lambda: b"a b".split(x=1))
show(lambda: b"a b".split(b" ", 1, 2))
show(lambda: b"a b".split(b" ", sep=b" "))
show(lambda: b"a".splitlines(1, 2))
show(lambda: b"a".partition("a"))
show(lambda: b"a".partition(b""))
show(lambda: b"a".rpartition(None))
show(lambda: b"a".partition())
show(lambda: b",".join([b"a", "b"]))
show(lambda: b",".join([1]))
show(lambda: b",".join(5))
show(lambda: b",".join("ab"))
show(lambda: b",".join())
