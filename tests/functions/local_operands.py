# Local variables used as operands (borrowed in place by generated code) and positional calls (arguments moved
# into the callee): unbound locals, `:=` rebinding a local inside an expression, generators suspended in the
# middle of an expression, and calls whose callee needs more than its positional parameters.


class Box:
    def __init__(self, n):
        self.n = n

    def add(self, k, extra=0):
        return self.n + k + extra

    def pair(self, a, b):
        return (self.n, a, b)


def unbound_attr():
    try:
        return later.n
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    later = Box(1)
    return later.n


def unbound_condition(flag):
    if flag:
        z = 1
    try:
        if z > 0:
            print("positive")
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


def walrus(xs):
    total = 0
    for x in xs:
        total = total + (total := total * 10 + x)
    return total


def walrus_attr(b):
    return b.n + (b := Box(100)).n


def aug(b):
    b.n += 1
    b.n += b.n
    b.n *= b.n
    return b.n


def same_local(a, i):
    a[i] = a[i] + a[i]
    return a[i] * a[i], -a[i], not a, a[i] < a[i + 1] < a[i + 2]


def gen(b):
    y = b.n + (yield b.n)
    yield y + b.n


def default_and_varargs(a, b=2, *rest):
    return a, b, rest


def kwonly(a, *, k=5):
    return a, k


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(unbound_attr())
unbound_condition(False)
unbound_condition(True)
print(walrus([1, 2, 3]))
print(walrus_attr(Box(1)))
print(aug(Box(2)))
print(same_local([1, 2, 3, 4], 0))
g = gen(Box(7))
print(next(g), g.send(5))
b = Box(3)
print(b.add(1), b.add(1, 2), b.add(k=4), b.pair(1, [2]))
m = b.add
print(m(10), Box.add(b, 1), Box.pair(b, "x", "y"))
print(default_and_varargs(1), default_and_varargs(1, 3), default_and_varargs(1, 3, 4, 5))
print(kwonly(1))
try:
    kwonly(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    b.pair(1)
except TypeError as e:
    print("TypeError:", e)
print(depth(50))
try:
    depth(100000)
except RecursionError as e:
    print("RecursionError:", e)
print(len("abc"), "a-b".split("-"), [3, 1, 2].index(2), max(4, 9))
