# Closures capture variables (cells), not values.
def make_adder(n):
    def add(x):
        return x + n
    return add


add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(1))


def make_counter():
    count = 0

    def counter():
        nonlocal count
        count += 1
        return count
    return counter


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())


def late_binding():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [fn() for fn in fns]


def early_binding():
    fns = []
    for i in range(3):
        fns.append(lambda i=i: i)
    return [fn() for fn in fns]


print(late_binding(), early_binding())


def cell_seen_after_change():
    x = 1

    def get():
        return x
    x = 2
    return get()


print(cell_seen_after_change())
