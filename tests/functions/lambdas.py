# lambda expressions: defaults, varargs, nesting, immediately invoked, in sorting.
square = lambda x: x * x
print(square(7))
print((lambda: "no args")())
print((lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, 3, 5, d=6, z=7))
print((lambda *a: a)(1, 2))
print((lambda x, /, y: x - y)(10, y=3))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda n: n + 1
dbl = lambda n: n * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[0]))
print(list(map(lambda x: x ** 2, range(5))))
print(list(filter(lambda x: x % 3 == 0, range(10))))
cond = lambda x: "pos" if x > 0 else ("zero" if x == 0 else "neg")
print([cond(v) for v in (-2, 0, 2)])
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
print((lambda: (yield_ := 5) + yield_)())
print(type(square).__name__)
print(square.__name__)
