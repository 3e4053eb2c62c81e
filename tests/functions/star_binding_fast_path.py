# Binding into *args and **kwargs: positional parameters filled, extra arguments collected, keywords that
# name parameters or are missing, bound methods, positional-only names passed on to **kwargs, and errors.


def star(*args):
    return args


def pos_star(a, b, *rest):
    return a, b, rest


def pos_kw(a, **kw):
    return a, kw


def both(a, *args, **kw):
    return a, args, kw


def only_posonly(a, /, **kw):
    return a, kw


def with_default(a, b=2, *args, **kw):
    return a, b, args, kw


class C:
    def m(self, *args, **kw):
        return type(self).__name__, args, kw

    def n(*args):
        return len(args)


for _ in range(2):
    print(star(), star(1), star(1, 2, 3))
    print(pos_star(1, 2), pos_star(1, 2, 3, 4))
    print(pos_kw(1), pos_kw(1, x=2, y=3), pos_kw(a=1, x=2))
    print(both(1), both(1, 2, 3, k=4), both(*[1, 2], **{"z": 0}))
    print(only_posonly(1, a=2), with_default(1), with_default(1, 5, 6, q=7), with_default(1, b=9))
    c = C()
    print(c.m(), c.m(1, x=2), C.m(c, 3), c.n(), c.n(1, 2), C.n())
    bound = c.m
    print(bound(4, 5, y=6))

for call in (
    lambda: pos_star(1),
    lambda: pos_kw(1, a=2),
    lambda: pos_kw(),
    lambda: both(1, a=2),
    lambda: star(x=1),
    lambda: pos_kw(1, **{1: 2}),
    lambda: pos_star(1, 2, b=3),
):
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)
