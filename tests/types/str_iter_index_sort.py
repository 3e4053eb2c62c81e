# Iterating over a str and indexing it (ASCII, Latin-1, wider characters, astral), str subclasses, and the
# characters being equal to (and hashing like) the same text made any other way; sorting strs.
texts = ["", "a", "hello", "héllo wörld", "\u20ac5 \u4e2d\u6587", "\U0001f600x\U0001f601", "\xff\x00\x7f\x80"]
for t in texts:
    chars = [c for c in t]
    print(repr(t), chars, len(chars), "".join(chars) == t)
    print([t[i] for i in range(len(t))], [t[-i - 1] for i in range(len(t))])
    print([ord(c) for c in t], {c: 1 for c in t} == dict.fromkeys(t, 1))
for t in ("abc", "\u20ac\u20ac"):
    for i in (3, -4, 10**20):
        try:
            print(t[i])
        except IndexError as e:
            print("IndexError:", e)
for k in ("1", 1.5, None):
    try:
        "abc"[k]
    except TypeError as e:
        print("TypeError:", e)
print("abc"[True], "abc"[-1])
# A generator over characters, and nested loops over the same text.
s = "abcab"
print(sum(1 for ch in s if ch == "a"), [(x, y) for x in s[:2] for y in s[:2]])
# The loop sees the str it started with even if the name is rebound.
s = "xyz"
for ch in s:
    s = "q"
    print(ch, end=" ")
print()
# An explicit iterator is a real object.
it = iter("h\u20acy")
print(next(it), next(it), list(it), list(it))
# str subclasses: their own __iter__ and __getitem__ are called.
class Up(str):
    def __iter__(self):
        return iter(self.upper())
    def __getitem__(self, i):
        return "<" + str.__getitem__(self, i) + ">"
u = Up("abc")
print([c for c in u], u[1], u[-1], u[0:2])
class Plain(str):
    pass
p = Plain("de\u20ac")
print([c for c in p], p[2], type(p[0]).__name__)
# Characters compare, hash and work as dict keys like equal strs.
d = {}
for ch in "mississippi":
    d[ch] = d.get(ch, 0) + 1
print(sorted(d.items()), "s" in d, ("".join(["s"]) in d))
print(sorted("the quick brown fox"), sorted("\u20acz\u00e9a", reverse=True))
