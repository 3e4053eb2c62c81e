# Calls of every kind: keyword arguments, defaults, *args/**kwargs, closures, bound methods, lambdas.


def kw(a, b=2, *, c=3, d=4):
    return a + b + c + d


def varargs(*args, **kwargs):
    return len(args) + len(kwargs)


def make_adder(n):
    def add(x):
        return x + n
    return add


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k=1):
        self.n += k
        return self.n

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def make(cls):
        return cls()


def main():
    total = 0
    add5 = make_adder(5)
    counter = Counter()
    bump = counter.bump
    square = lambda v: v * v
    for i in range(300000):
        total += kw(i, c=1)
        total += kw(a=i, b=1, d=2)
        total += varargs(i, i, x=i)
        total += add5(i)
        total += bump()
        total += counter.bump(k=2)
        total += Counter.twice(i)
        total += square(i & 15)
        if i % 1000 == 0:
            total += Counter.make().bump()
    print("calls checksum", total)


main()
