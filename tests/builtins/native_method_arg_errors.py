# Argument errors of native methods and isinstance/issubclass, whose usual calls skip the argument parser.
tests = [
    lambda: 'a'.isspace(1), lambda: 'a'.isspace(x=1), lambda: str.isspace(), lambda: str.isspace(1),
    lambda: 'a'.upper(1, 2), lambda: str.upper(b'x'), lambda: 'ab'.removeprefix(), lambda: 'ab'.removeprefix(1, 2),
    lambda: [].append(), lambda: [].append(1, 2), lambda: [].append(x=1), lambda: list.append((), 1),
    lambda: isinstance(1), lambda: isinstance(1, int, x=2), lambda: isinstance(x=1), lambda: isinstance(1, (int, str)),
    lambda: issubclass(int, int, x=1), lambda: issubclass(int), lambda: isinstance(1, 2),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)


class L(list):
    pass


l = L()
l.append(3)
list.append(l, 4)
print(l, type(l).__name__, 'x'.isspace(), ' '.isspace(), isinstance(l, list), isinstance(True, int))
