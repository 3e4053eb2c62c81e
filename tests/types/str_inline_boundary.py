# Strings made near the inline-text limit (96 bytes): concatenation, str(), split pieces, f-strings and
# %-formatting give the same text, lengths and indexing whether the result is short or long, ASCII or not.
for n in (0, 1, 2, 47, 48, 94, 95, 96, 97, 98, 200):
    a = "x" * n
    for b in ("", "y", "\u00e9", "\u20ac", "\U0001f600", "ab"):
        c = a + b
        d = b + a
        print(n, len(c), len(d), c[-1:] == b[-1:], d[:1] == (b[:1] or a[:1]), c.count("x"), ascii(d[-3:]))
        e = c + ":" + d
        print(len(e), e.index(":"), e.split(":")[1] == d, len(f"{c}{d}"), len("%s|%s" % (c, d)))
s = "\u00e9" * 48
print(len(s), len(s.encode()), len(s + "a"), (s + "a")[48], len("a" + s), ("a" + s)[47])
print([str(i) for i in (0, 7, -7, 10, 99, -100, 2**63 - 1, -2**63, 2**64)])
words = (" w" * 60).split(" ")
print(len(words), words[:3], words[-2:], len("".join(words)))
t = "\u00e9,ab," * 20
print([len(p) for p in t.split(",")][:5], t.split(",", 3), t.rsplit(",", 2)[-2:])
print("" + "", "" + "q", "q" + "", "\u00e9" + "", len("" + "\u00e9"))
