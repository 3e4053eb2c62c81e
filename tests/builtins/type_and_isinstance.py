# type(), isinstance() with tuples and subclasses, issubclass, type names.
values = [1, 1.5, "s", True, None, [], (), {}, set(), frozenset(), range(1), slice(1), len, lambda: 0,
          ValueError("x"), 2 ** 100]
for v in values:
    print(type(v).__name__, type(v), isinstance(v, int), isinstance(v, (list, tuple, str)))
print(type(1) is int, type(True) is bool, type(True) is int, type(type(1)), type(type))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (float, (str, int))))
print(isinstance(KeyError(), LookupError), isinstance(3, object), isinstance(int, type))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object), issubclass(bool, (str, int)))
print(type("x")("abc"), type(5)("42"), type([])((1, 2)))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
