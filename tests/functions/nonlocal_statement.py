# nonlocal rebinding across one and several levels.
def outer():
    x = "outer"

    def inner():
        nonlocal x
        x = "changed by inner"
    inner()
    return x


print(outer())


def deep():
    level = 0

    def a():
        def b():
            nonlocal level
            level += 10
        b()
        b()
    a()
    return level


print(deep())


def accumulator():
    total = 0
    history = []

    def add(v):
        nonlocal total
        total += v
        history.append(total)
        return total
    return add, history


add, history = accumulator()
for v in [5, 10, -3]:
    add(v)
print(history)


def nonlocal_skips_middle():
    v = 1

    def middle():
        def inner():
            nonlocal v
            v = 99
        inner()
    middle()
    return v


print(nonlocal_skips_middle())


def multiple():
    a = b = 0

    def set_both():
        nonlocal a, b
        a, b = 1, 2
    set_both()
    return a, b


print(multiple())
