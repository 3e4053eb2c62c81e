# `a, b = x, y` with displays on both sides, which compiled code assigns item by item without building the
# tuple: every right-hand item is evaluated before any target is stored, and targets are stored left to right.

log = []


def v(x):
    log.append(f"eval {x}")
    return x


class Rec:
    def __setattr__(self, name, value):
        log.append(f"set {name}={value}")
        object.__setattr__(self, name, value)


class Item(list):
    def __setitem__(self, key, value):
        log.append(f"setitem {key}={value}")
        list.__setitem__(self, key, value)


def main():
    a, b = 1, 2
    a, b = b, a
    print(a, b)
    x, y = 0, 1
    for _ in range(10):
        x, y = y, x + y
    print(x, y)
    lst = [10, 20, 30]
    i, j = 0, 2
    lst[i], lst[j] = lst[j], lst[i]
    print(lst)
    [p, q] = v(1), v(2)
    (m, n), o = (v(3), v(4)), v(5)
    print(p, q, m, n, o)
    r = Rec()
    it = Item([0, 0])
    r.first, it[1], r.second = v("a"), v("b"), v("c")
    print(log)
    try:
        s, t = 1, 2, 3
    except ValueError as e:
        print("ValueError", e)
    try:
        s, t, u = 1, 2
    except ValueError as e:
        print("ValueError", e)
    first, *rest = 1, 2, 3
    print(first, rest)
    k = 5
    # The index is computed after k is stored.
    k, lst[k - 2] = 1, "x"
    print(k, lst)
    try:
        w, z = undefined_name, 2
    except NameError as e:
        print("NameError", e)
    try:
        w, z = 1, 1 / 0
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e, "w bound:", "w" in locals())


main()
