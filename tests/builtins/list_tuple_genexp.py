# list() and tuple() of a generator expression: results, laziness, scoping, errors with the <genexpr>
# frame, PEP 479, and rebound names (the built-ins run the loop inline, anything else gets the generator).
import builtins


def basics(xs):
    print(list(x * 2 for x in xs), tuple(x for x in xs if x % 2))
    print(list(x for x in []), tuple(x for x in ()), type(tuple(x for x in [])).__name__)
    print(tuple((i, c) for i, c in enumerate("ab")), list(a + b for a, b in zip(xs, xs)))
    print(list(x for row in [[1, 2], [3], []] for x in row if x != 2))
    print(tuple(tuple(r) for r in [[1], [2, 3]]), list(list(y for y in range(x)) for x in range(3)))
    items = "abcdefgh"
    indices = [3, 1, 4, 1, 5]
    print(tuple(items[k] for k in indices))
    n = 10
    print(list(x + n for x in xs))


def laziness():
    def noisy(v):
        print("  saw", v)
        return v
    print(list(noisy(x) for x in range(3)))
    out = []
    print(tuple(out.append(x) or len(out) for x in range(3)), out)


def frames(f, *args):
    try:
        f(*args)
    except Exception as e:
        tb = e.__traceback__
        out = []
        while tb is not None:
            out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print(type(e).__name__, e, out)
        if e.__cause__ is not None:
            print("  cause", type(e.__cause__).__name__)


def ratios(xs):
    return tuple(10 / x
                 for x in xs)


def stop(xs):
    return list(next(iter([])) for x in xs)


def rebound():
    def list(g):
        print("my list of", type(g).__name__)
        return [*g, "mine"]
    print(list(x for x in range(2)))


class Sub(list):
    pass


print(ratios([1, 2, 5]))
basics([1, 2, 3])
laziness()
frames(ratios, [1, 0])
frames(ratios, None)
frames(stop, [1])
frames(lambda xs: list(x.missing for x in xs), [1])
rebound()
tuple = lambda g: ("lambda", builtins.list(g))
print(tuple(x for x in range(2)))
del tuple
print(tuple(x for x in range(2)))
list = Sub
r = list(x for x in range(2))
print(type(r).__name__, r)
del list
print(list(x for x in range(2)))
print(ratios([1, 0]))
