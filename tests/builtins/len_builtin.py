# len() of every builtin container and its TypeErrors.
for obj in ["", "abc", "日本", [], [1, [2, 3]], (), (1,), {}, {"a": 1, "b": 2}, set(), {1, 2, 2},
            range(10), range(0, 10, 3), range(10, 0), frozenset([1]), {"k": 1}.keys(), {"k": 1}.items()]:
    print(repr(obj), len(obj))
for bad in [5, 2.5, None, True, len]:
    try:
        len(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    len()
except TypeError as e:
    print("TypeError:", e)
try:
    len([], [])
except TypeError as e:
    print("TypeError:", e)
