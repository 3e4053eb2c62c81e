# str.join of many items (the one-pass path) and of few: lists, tuples, generators, non-ASCII items, a
# separator, and the error for a non-str item in either path.
words = [f"w{i}" for i in range(200)]
print(len("".join(words)), "".join(words)[:50], "".join(words)[-20:])
print(len(", ".join(words)), ", ".join(words)[-30:])
uni = ["é", "☃", "\U0001f642", "ascii"] * 40
j = "·".join(uni)
print(len(j), j[:12], j[-12:], len(j.encode()))
print(len("".join(tuple(words))), "-".join(w for w in words)[-15:])
print("".join(["a"] * 65), len("".join(["ab"] * 1000)))
big = ["x" * 100] * 70
print(len("".join(big)), len("ab".join(big)))
print(repr("".join([])), repr("".join(["solo"])), "|".join(["a", "b"]))
for items in (words[:3] + [5], words + [5], words[:100] + [None] + words[:5], (1,) + tuple(words)):
    try:
        "".join(items)
    except TypeError as e:
        print("TypeError", e)


class S(str):
    pass


many = [S("s")] * 80
r = "".join(many)
print(len(r), type(r).__name__, type("".join([S("only")])).__name__)
