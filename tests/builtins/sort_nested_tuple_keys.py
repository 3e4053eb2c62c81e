# Sorting by tuple keys whose items are themselves tuples, `(-count, (a, b))`, among other shapes, with ties,
# `reverse`, keys of different lengths, and mixes that compare through `<` (and may raise) instead.
import random
from collections import Counter, namedtuple

rng = random.Random(7)
words = ["ka", "lo", "mi", "ren", "tu", "sha"]
seq = [rng.choice(words) for _ in range(400)]
bigrams = Counter(zip(seq, seq[1:]))
top = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))
print(top[:6], top[-3:])
print(sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]), reverse=True)[:5])

# Nested shapes: tuples of different lengths, empty tuples, ints mixed with bools, floats with -0.0.
keys = [(1, ("b", 2)), (1, ("a",)), (0, ()), (1, ("a", 1, 2.5)), (0, (True,)), (1, ("a", 1, -0.0)), (1, ("a", 1, 0.0)),
        (0, (0,)), (2, (("x", 1), "y")), (2, (("x", 0), "z"))]
print(sorted(keys[:8]))
print(sorted(keys[:8], reverse=True))
print(sorted(keys[8:]))
items = list(range(len(keys)))
print(sorted(items[:8], key=lambda i: keys[i]))

# Stability: equal nested keys keep their order, forwards and reversed.
pairs = [((i % 3, ("k", i % 2)), i) for i in range(12)]
print([i for _, i in sorted(pairs, key=lambda p: p[0])])
print([i for _, i in sorted(pairs, key=lambda p: p[0], reverse=True)])

# Shapes that disagree take the general comparison: equal first items, then a str against an int.
try:
    sorted([(1, ("a", 1)), (1, ("a", "b"))])
except TypeError as e:
    print("TypeError", e)
print(sorted([(1, ("a", 1)), (2, ("a", "b"))]))
nan = float("nan")
print(sorted([(1, (nan, 1)), (0, (2.0, 1)), (1, (1.0, 0))])[0])
Pt = namedtuple("Pt", "x y")
print(sorted([(1, Pt(2, 1)), (1, Pt(1, 2)), (0, Pt(5, 5))]))


class Rev:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return f"Rev({self.v})"


print(sorted([(1, (Rev(1),)), (1, (Rev(3),)), (1, (Rev(2),))]))
