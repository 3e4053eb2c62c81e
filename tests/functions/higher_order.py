# Functions as values: passed, returned, stored in containers.
def apply(f, *args):
    return f(*args)


def twice(f):
    return lambda x: f(f(x))


def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run


def double(x):
    return x * 2


def negate(x):
    return -x


print(apply(double, 21))
print(apply(max, 3, 9, 4))
print(twice(double)(5), twice(twice(double))(1))
print(compose(negate, double)(4), compose()(4))
table = {"dbl": double, "neg": negate, "abs": abs}
for name in ["dbl", "neg", "abs"]:
    print(name, table[name](-7))
pipeline = [double, negate, abs, str]
value = 3
for step in pipeline:
    value = step(value)
print(repr(value))
print(double.__name__, negate.__name__)
print(callable(double), callable(5))


def memo_fib():
    cache = {}

    def fib(n):
        if n in cache:
            return cache[n]
        result = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = result
        return result
    return fib


print(memo_fib()(90))
