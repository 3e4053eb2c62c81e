# Inline fast paths of float powers, negative literals, augmented assignment on locals and list unpacking:
# the edge cases where the general path must take over with CPython's answers and errors.
import math


def powers():
    x = 2.0
    print(x ** -1.5, x ** 0.5, 1e-300 ** 0.5, x ** 0.0, x ** -math.inf, x ** math.inf, math.nan ** 0.0)
    for base, exp in [(2.0, 1e308), (1e308, 2.0), (0.0, -1.0), (-8.0, 1 / 3), (-2.0, 2.0), (math.inf, 0.5)]:
        try:
            print(base, exp, base ** exp)
        except (OverflowError, ZeroDivisionError) as e:
            print(base, exp, type(e).__name__, e)
    y = 3.0
    y **= 2.0
    print(y)


def negatives():
    print(-1.5, -0.0, -(0.0), -9223372036854775807, -9223372036854775808, -18446744073709551616, - 5, -(-3))
    print(type(-9223372036854775808), -9223372036854775808 - 1, 2 ** -1, 2.0 ** -2)


def augmented():
    n = 9223372036854775806
    n += 1
    print(n)
    n += 1
    print(n, type(n))
    m = -9223372036854775807
    m -= 2
    print(m)
    k = 3
    k *= 3037000500
    k *= 3037000500
    print(k)
    s = "ab"
    s += "c"
    lst = [1]
    alias = lst
    lst += [2]
    print(s, lst, alias is lst)
    f = 1.0
    try:
        f /= 0.0
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    try:
        f //= 0
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    try:
        undefined_later += 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    undefined_later = 0
    v = [1.0, 2.0, 3.0]
    i = 1
    v[i] -= 0.5
    v[-1] *= 2
    v[0] += 1 << 70
    print(v)
    counts = {"a": 1}
    counts["a"] += 1
    print(counts)


def unpacking():
    a, b, c = [1, 2, 3]
    print(a, b, c)
    for (x, [y, z]) in [(1, [2, 3]), (4, [5, 6])]:
        print(x, y, z)
    for bad in ([1, 2], [1, 2, 3, 4]):
        try:
            p, q, r = bad
        except ValueError as e:
            print("ValueError", e)


powers()
negatives()
augmented()
unpacking()
