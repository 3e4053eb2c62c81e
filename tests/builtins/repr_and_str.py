# repr() vs str() of builtin values and containers (containers use repr of items).
values = [0, -5, 2 ** 70, 1.0, -0.5, 1e-9, True, None, "s", "it's", "a\"b", [], [1, "a"], (1,),
          (), {"k": "v", 1: [2]}, {1, 2}, set(), range(3), slice(1, 2), [[1, 2], ("x", None)],
          {"nested": {"d": (1, 2.5)}}, frozenset({3}), Ellipsis, NotImplemented, ["é"]]
for v in values:
    print(repr(v), "|", str(v))
print(repr(int), repr(str), repr(ValueError), str(len), repr(print))
print(str(), str(123), str("x"), repr(str(5)))
