# Edge cases of str's fast paths: text stored inline up to 96 bytes and on the heap beyond, cached one-character
# and empty strings, split/join building pieces directly, str(int), and f-string fields written into one buffer.

# Lengths around the inline limit, ASCII and not: length, indexing, slicing, hashing and equality agree.
for n in (0, 1, 2, 47, 95, 96, 97, 200):
    a = "a" * n
    b = "é" * n
    mixed = ("xé" * n)[:n]
    for s in (a, b, mixed):
        t = "".join(list(s))
        print(n, len(s), len(s.encode()), s == t, hash(s) == hash(t), s[-1:] if s else "<empty>", s[n // 2:n // 2 + 3])
        if n:
            print(" ", s[0], s[n - 1], s.find(s[-1]), s.rfind(s[0]), repr(s[40:44]))

# Non-ASCII inline text longer than the checkpoint stride (64 code points) still indexes correctly.
u = "ü" * 20 + "x" * 50 + "ß" * 20
print(len(u), u[19], u[20], u[69], u[70], u[89], u.index("x"), u.rindex("x"), u[65:75])

# One-character and empty strings: equal to freshly built ones, any source.
s = "hello, wörld"
chars = [c for c in s]
print(chars, [s[i] for i in range(len(s))], list("ÿĀ€"))
print(chr(97) == "a", chr(255), chr(256), "".join(["", ""]) == "", str() == "", s[5:5] == "")
print([ord(c) for c in "\x00\x7f\x80\xff"], "\x00" < "\x01", "é" > "e")

# split with and without separator: pieces at the inline limit, whole-string results, maxsplit, unicode spaces.
long_word = "w" * 100
line = " ".join(["x", long_word, "é" * 50, "y" * 96, "z" * 97])
print([len(p) for p in line.split()], [len(p) for p in line.split(" ")], line.split(maxsplit=1)[0])
print("nospace".split(), "nospace".split(",") , "  lead and trail  ".split(), "a\u3000b\x1cc\u00a0d".split())
print("a,,b,".split(","), "a,,b,".split(",", 1), "".split(), "".split(","), "   ".split(), "ab".split("ab"))
print("x  y  z".split(None, 1), "x  y  z".split(sep=None, maxsplit=-1), "é,ü,ß".split(","))

class S(str):
    pass

print(type(S("abc").split()[0]).__name__, type(S("a b").split()[0]).__name__, type("".join([S("q")])).__name__)

# join: lists, tuples, generators, list subclasses with their own iteration, short and long results, errors.
print("-".join(["a", "b", "c"]), "-".join(("é", "ü")), "".join(c for c in "gen"), "|".join([]), "|".join(["solo"]))
print(len(", ".join(["word"] * 30)), len("".join(["é"] * 60)), len("".join(["é"] * 40)))

class Rev(list):
    def __iter__(self):
        return iter([x.upper() for x in list.__iter__(self)][::-1])

print("".join(Rev(["a", "b", "c"])))
for bad in (["a", 1], ("a", None), [b"x"]):
    try:
        "-".join(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    "-".join(5)
except TypeError as e:
    print("TypeError:", e)

# str(int) at the edges of the machine-int range and beyond, and str of other things.
for i in (0, -1, 7, -10, 9223372036854775807, -9223372036854775808, 9223372036854775808, -(10 ** 30)):
    print(str(i), len(str(i)), f"{i}", f"[{i}]")
print(str(True), str(None), str(1.5), str("s"), str(S("sub")), type(str(S("sub"))).__name__)
try:
    str(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)

# f-strings: constant and nested specs, conversions, bools and subclasses, str subclasses with __format__.
w, n, f = "key", 42, 2.5
print(f"{w:>12}: {n:6d}", f"{w!r}", f"{w!s:^9}|", f"{n:{'0'}{5}d}", f"{n=}", f"{w=:>6}", f"{f}", f"{True}")

class Fmt(str):
    def __format__(self, spec):
        return "F(" + spec + ")"

class I(int):
    def __str__(self):
        return "I!"

print(f"{Fmt('x')}", f"{Fmt('x'):spec}", f"{I(3)}", f"{I(3)!s}", f"{I(3):d}", f"{-0}", f"{'é' * 3}{'' }|")
print(f"{'a' * 60}{'b' * 60}" == "a" * 60 + "b" * 60, len(f"{'é' * 50}{n}"))

# `+=` may extend a string in place when nothing else refers to it: no other reference may see the change.
def build(n, piece):
    s = ""
    for i in range(n):
        s += piece
    return s

for n, piece in ((0, "ab"), (10, "ab"), (48, "ab"), (49, "ab"), (1000, "ab"), (40, "é"), (100, "ü€")):
    s = build(n, piece)
    print(n, len(s), len(s.encode()), s == piece * n, hash(s) == hash(piece * n), s[-3:], s[n // 2:n // 2 + 2])

def aliases():
    s = "start"
    t = s
    s += "-more"
    print(t, s)
    keep = [s]
    d = {s: 1}
    h = hash(s)
    s += "!" * 100
    print(keep, list(d), h == hash("start-more"), len(s), hash(s) == hash("start-more" + "!" * 100), d.get("start-more"))
    s += s
    print(len(s), s[:12], s[-3:])
    u = "x" * 90
    before = u
    u += "é" * 40
    print(len(before), len(u), u[89], u[90], u[129], u.index("é"), u[-1:], u[64:92])
    u += "y" * 70
    print(len(u), u[130], u[129], u[-2:], u.count("é"), u.rfind("é"))

    def inner():
        nonlocal c
        c += "+"
        return c

    c = "cell"
    print(inner(), inner(), c)
    for bad in (5, None, b"x"):
        z = "z"
        try:
            z += bad
        except TypeError as e:
            print("TypeError:", e, z)

aliases()

class S2(str):
    pass

x = S2("sub")
y = x
x += "class"
print(x, type(x).__name__, y, type(y).__name__)
g = "global"
g2 = g
for _ in range(3):
    g += "."
print(g, g2)
