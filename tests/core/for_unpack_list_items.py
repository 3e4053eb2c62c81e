# `for a, b in some_list`: tuples of the right length are unpacked where the list holds them; everything
# else (lists, other lengths, tuple subclasses, iterables, non-iterables) takes the general unpacking.


class Pair(tuple):
    def __iter__(self):
        return iter(("overridden", "iter"))


class Two:
    def __iter__(self):
        return iter((10, 20))


prog = [("push", 3), ["load", "x"], Pair((1, 2)), Two(), "ab", (None, (1, 2))]
for name, arg in prog:
    print(name, arg)

# The list grows and shrinks while it is walked; the tuple items stay alive after the list lets them go.
items = [(1, "a"), (2, "b")]
seen = []
for n, s in items:
    seen.append((n, s))
    if n < 4:
        items.append((n + 2, s * 2))
    items[0] = None
print(seen, items)

items = [(i, str(i)) for i in range(5)]
kept = []
for n, s in items:
    items.clear()
    kept.append(s)
print(kept, items)

# Three targets, nested targets and a starred one.
for a, b, c in [(1, 2, 3), [4, 5, 6]]:
    print(a + b + c)
for (a, b), c in [((1, 2), 3)]:
    print(a, b, c)
for a, *rest in [(1, 2, 3), (4,)]:
    print(a, rest)

# Wrong lengths and non-iterables raise CPython's errors.
for bad in ([(1, 2, 3)], [(1,)], [5], [None]):
    try:
        for a, b in bad:
            print("unpacked", a, b)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# The same loop in a function (locals) and in a comprehension.
def walk(pairs):
    total = 0
    for k, v in pairs:
        total += v
    return total


print(walk([("a", 1), ("b", 2), ("c", 3)]))
print([k * v for k, v in [("x", 2), ("y", 3)]])
print({k: v for k, v in [(1, 2), (3, 4)]})

# Assignments unpack a tuple subclass through its `__iter__` too.
a, b = Pair((5, 6))
print(a, b)
