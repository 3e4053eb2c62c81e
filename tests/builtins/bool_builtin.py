# bool() of numbers, strings, containers; bool results of comparisons.
for v in [0, 1, -1, 0.0, -0.0, 1e-300, float("nan"), "", "0", " ", [], [[]], (), {}, set(), range(0),
          range(-1, 0), None, True, False, 2 ** 100]:
    print(repr(v), bool(v))
print(bool(1 < 2), bool([] == []), type(bool(1)).__name__, bool(bool))
