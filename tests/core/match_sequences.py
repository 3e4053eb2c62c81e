# match: sequence patterns over lists, tuples, ranges and other sequences; star captures; str/bytes excluded.
from _collections import deque


def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a!r}"
        case [a, b]:
            return f"two: {a!r} {b!r}"
        case (a, b, c):
            return f"three: {a!r} {b!r} {c!r}"
        case [first, *rest]:
            return f"first {first!r} rest {rest!r}"
        case _:
            return "not a sequence: " + type(x).__name__


for v in [[], [1], (1, 2), [1, 2, 3], range(4), (1, 2, 3, 4, 5), "ab", b"ab", bytearray(b"ab"), {"a": 1}, {1, 2},
          deque([7, 8]), memoryview(b"xyz"), 5, iter([1, 2])]:
    print(type(v).__name__, repr(v) if not isinstance(v, (memoryview, type(iter([])))) else "", "->", seq(v))


def star(x):
    match x:
        case [*head, 9]:
            return f"ends with 9 after {head}"
        case [0, *mid, 0]:
            return f"zero-bracketed {mid}"
        case [1, *_, 2]:
            return "1 ... 2"
        case [*_]:
            return "some sequence"
        case _:
            return "nope"


for v in [[9], [1, 2, 9], [0, 0], [0, 5, 6, 0], [1, 2], [1, 7, 7, 2], [3], (), "9"]:
    print(repr(v), "->", star(v))

# Nested sequences and literal sub-patterns.
for v in [[1, [2, 3]], [1, (2, 3)], [1, [2]], (1, [2, 3, 4])]:
    match v:
        case [1, [2, x]]:
            print(v, "inner", x)
        case [1, [2, *xs]]:
            print(v, "inner star", xs)
        case _:
            print(v, "no")

# The star capture is always a list, whatever the subject's type.
match (1, 2, 3):
    case (a, *b):
        print(a, b, type(b).__name__)
match range(5):
    case [a, *b, c]:
        print(a, b, c)

# Tuples of a fixed size as several subjects at once.
for point in [(0, 0), (0, 5), (3, 0), (2, 3)]:
    match point:
        case (0, 0):
            print("origin")
        case (0, y):
            print("on y axis at", y)
        case (x, 0):
            print("on x axis at", x)
        case (x, y):
            print("at", x, y)


# A subclass of list or tuple is a sequence too; a str subclass is not.
class L(list):
    pass


class S(str):
    pass


for v in [L([1, 2]), S("ab")]:
    match v:
        case [a, b]:
            print(type(v).__name__, "sequence", a, b)
        case _:
            print(type(v).__name__, "not a sequence")
