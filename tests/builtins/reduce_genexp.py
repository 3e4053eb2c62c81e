# sum/any/all/min/max over generator expressions: results, laziness, errors, rebinding and scoping.

def basics(xs):
    print(sum(x for x in xs), sum(x * 0.1 for x in xs), sum(0.1 for _ in range(10)))
    print(sum(x for x in xs if x % 2), sum(2**62 for _ in range(4)), sum(x / 2 for x in xs if x > 3))
    print(any(x > 3 for x in xs), any(x > 30 for x in xs), all(x >= 0 for x in xs), all(x > 0 for x in xs))
    print(min(x * x - 4 * x for x in xs), max(-x for x in xs), max(str(x) for x in xs))
    print(max(x for x in [1, 1.0]), min(x for x in [1.0, 1]), max(x for x in [2, 2.5, True]))
    print(sum(x for x in []), any(x for x in ()), all(x for x in ()))
    print(sum(x for row in [[1, 2], [3], []] for x in row if x != 2))
    print(sum(sum(r) for r in [[1, 2], [3, 4]]), max(min(r) for r in [[5, 2], [3, 4]]))
    print(sum(1 for _ in range(3)) + 0.5, sum(x for x in (1, 2.5, 3)), sum(x for x in [1.5, 10**20]))

def laziness():
    def noisy(v):
        print("  saw", v)
        return v
    print(any(noisy(x) > 1 for x in range(5)))
    print(all(noisy(x) < 1 for x in range(5)))
    print(sum(noisy(x) for x in range(3)))

def errors():
    try:
        sum(1 / x for x in [1, 0, 2])
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    try:
        sum(x for x in 5)
    except TypeError as e:
        print("TypeError", e)
    try:
        min(x for x in [])
    except ValueError as e:
        print("ValueError", e)
    try:
        max(x for x in range(0))
    except ValueError as e:
        print("ValueError", e)
    try:
        max(x for x in [1, "a"])
    except TypeError as e:
        print("TypeError", e)
    try:
        sum([x] for x in range(2))
    except TypeError as e:
        print("TypeError", e)
    it = iter([1, 2])
    try:
        sum(next(it) for _ in range(5))
    except RuntimeError as e:
        print("RuntimeError", e, type(e.__cause__).__name__)
    try:
        any(undefined_name for _ in range(2))
    except NameError as e:
        print("NameError", e)

def scoping():
    x = "outer"
    total = sum(x for x in range(4))
    print(total, x)
    k = 10
    print(sum(x + k for x in range(3)))
    print(sum((last := x) for x in range(5)), last)
    fs = [lambda: i for i in range(3)]
    print(sum(f() for f in fs))

def shadowed(sum, any):
    return sum(x for x in range(3)), any(x for x in [0, 0])

class Holder:
    base = 100
    vals = [1, 2, 3]
    s = sum(v for v in vals)
    m = max(v for v in vals)

    def total(self):
        return sum(v + self.base for v in self.vals)

basics([5, 3, 8, 1, 0, 7])
laziness()
errors()
scoping()
print(shadowed(lambda g: list(g), lambda g: "mine"))
print(Holder.s, Holder.m, Holder().total())
print(sum(x for x in range(10)), min(x % 3 for x in range(1, 10)))

def use_sum():
    return sum(x for x in range(4)), max(x for x in range(4))

print(use_sum())
real_sum, real_max = sum, max
sum = lambda g: ("rebound sum", list(g))
max = lambda g: ("rebound max", list(g))
print(use_sum())
del sum, max
print(use_sum())
import builtins
real_any = builtins.any
builtins.any = lambda g: "patched any"
print(any(x for x in [1]))
builtins.any = real_any
print(any(x for x in [1]))
