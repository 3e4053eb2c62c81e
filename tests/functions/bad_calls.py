# CPython's TypeError messages for every kind of bad call, caught and printed.
def f(a, b):
    return a + b


def g(a, b=1, *, c):
    return a


def h(x, /, y):
    return x


def none():
    return 0


def many(a, b, c, d):
    return 0


def outer():
    def inner(p):
        return p
    return inner


calls = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, a=2),
    lambda: f(1, 2, z=3),
    lambda: g(1),
    lambda: g(1, 2, 3, c=4),
    lambda: g(c=1),
    lambda: h(x=1, y=2),
    lambda: none(1),
    lambda: none(x=1),
    lambda: many(1),
    lambda: many(),
    lambda: outer()(),
    lambda: outer()(1, 2),
    lambda: (lambda x: x)(),
    lambda: f(*[1, 2, 3]),
    lambda: f(1, **{"b": 2, "c": 3}),
    lambda: f(1, *[], b=2, **{"b": 3}),
]
for i, call in enumerate(calls):
    try:
        call()
        print(i, "no error")
    except TypeError as e:
        print(i, e)
