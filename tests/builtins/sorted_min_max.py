# sorted/min/max with key, default, multiple args and iterables.
data = [("pear", 3), ("apple", 7), ("fig", 7), ("kiwi", 1)]
print(sorted(data, key=lambda p: p[1]), sorted(data, key=lambda p: (-p[1], p[0])))
print(max(data, key=lambda p: p[1]), min(data, key=lambda p: p[1]))
print(max(3, 7, 5), min(3, 7, 5), max("apple", "banana"), min([4, 2, 8]), max("hello"))
print(max([1, 2], [1, 3]), min((5, "a"), (5, "0")), max(range(10), key=lambda x: x % 4))
print(max([], default=None), min((), default="empty"), max([5], default=0))
print(max(-3, 2, key=abs), min(-3, 2, key=abs), max([-1, 1], key=abs), min([1, -1], key=abs))
print(max(1, 1.0), max(1.0, 1), min(True, 1), max(0, False))
print(sorted("bca"), sorted({"b": 1, "a": 2}.items()), sorted([3, 1, 2], reverse=True))
print(max(x * x for x in range(-5, 3)), min(len(w) for w in "a bb ccc".split()))
for bad in [lambda: max([]), lambda: min(()), lambda: max(1), lambda: max(), lambda: min(1, "a")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
