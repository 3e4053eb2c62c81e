# X | Y of classes: types.UnionType (PEP 604) with its repr, members, equality and isinstance support.
u = int | str
print(u, type(u).__name__, type(u).__module__, u.__args__)
print(int | None, None | int, (int | str) | float, int | (str | float), int | int, list[int] | None)
print(u == (str | int), u == (int | float), hash(u) == hash(str | int), (int | str | int).__args__)
print(isinstance(3, u), isinstance("a", u), isinstance(2.5, u), isinstance(None, int | None))
print(issubclass(bool, u), issubclass(float, u))


class A:
    pass


print(A | int, A | None)
for bad in [lambda: 1 | int, lambda: int | 1, lambda: None | None, lambda: "x" | int]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
