# Comprehension variables do not leak; the first iterable is evaluated in the enclosing scope.
i = "module i"
squares = [i * i for i in range(4)]
print(squares, i)
print({i for i in range(3)}, {i: i for i in range(2)}, list(i for i in range(2)), i)


def f():
    n = 3
    return [n * k for k in range(n)]


print(f())


def g():
    x = 10
    return [x + y for y in range(3)], [[x + a + b for b in range(2)] for a in range(2)]


print(g())
try:
    print(k)
except NameError as e:
    print("NameError:", e)
y = 5
print([y for _ in range(2)])
funcs = [lambda: j for j in range(3)]
print([fn() for fn in funcs])
items = [[1, 2], [3]]
print([x for x in items for x in x])
