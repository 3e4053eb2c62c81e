# list(), tuple(), dict(), set(), frozenset(), str() from various iterables.
sources = ["abc", [1, 2, 2], (3, 1), range(4), {"k1": 1, "k2": 2}, {5, 1, 3}, (x * 2 for x in range(3))]
for src in sources:
    items = list(src)
    print(items, tuple(items), sorted(set(items), key=str), len(frozenset(items)))
print(dict([("a", 1), ("b", 2)]), dict(a=1), dict([("a", 1)], b=2), dict({"x": 1}), dict(zip(range(3), "abc")))
print(dict([[1, 2], "xy"]), dict({}, **{"k": "v"}))
print(str(123), str(-1.5), str([1, "a"]), str((1,)), str({1: "a"}), str(None), str(True))
print(set(), set([]), set("aab") == {"a", "b"}, frozenset([1, 2]) == {1, 2}, sorted(frozenset("cba")))
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
try:
    set([[1]])
except TypeError as e:
    print("TypeError:", e)
