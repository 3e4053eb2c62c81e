# Direct calls of module-level functions with keywords and defaults: keywords land in their parameters
# whatever their order, evaluated in the order written; left-out parameters take the function's current
# __defaults__ / __kwdefaults__ (changed or removed at run time); errors are CPython's; a rebound name gets
# the keywords in the order written.


def kw(a, b=2, *, c=3, d=4):
    return (a, b, c, d)


def pos_only(a, b=5, /, c=6):
    return (a, b, c)


def needs_kw(a, *, key):
    return (a, key)


def acc(x, into=[]):
    into.append(x)
    return len(into)


def side(tag):
    print("side", tag)
    return tag


def run(v):
    print(kw(v))
    print(kw(v, c=1))
    print(kw(a=v, b=1, d=2))
    print(kw(side("a"), d=side("d"), b=side("b"), c=side("c")))
    print(kw(d=side(4), a=side(1)))
    print(pos_only(v), pos_only(v, 7), pos_only(v, c=8), pos_only(v, 7, 8))
    print(needs_kw(v, key=side("k")))
    print(acc(1), acc(2), acc(3, []), acc(4))
    for call in (lambda: kw(), lambda: needs_kw(v), lambda: pos_only(v, b=1), lambda: kw(v, a=2),
                 lambda: kw(v, e=1), lambda: kw(v, 1, 2)):
        try:
            print(call())
        except TypeError as e:
            print("TypeError:", e)


run(10)
kw.__defaults__ = (20,)
kw.__kwdefaults__ = {"c": 30, "d": 40}
run(11)
kw.__kwdefaults__ = {"c": 31}
try:
    print(kw(12))
except TypeError as e:
    print("TypeError:", e)
print(kw(12, d=0))
kw.__defaults__ = None
try:
    print(kw(13, d=0))
except TypeError as e:
    print("TypeError:", e)
print(kw(13, 14, d=0))
pos_only.__defaults__ = (50, 60)
print(pos_only(1), pos_only(1, c=2))
needs_kw.__kwdefaults__ = {"key": "dflt"}
print(needs_kw(1))


def spread(*args, **kwargs):
    return (args, list(kwargs.items()))


kw = spread
run(14)
