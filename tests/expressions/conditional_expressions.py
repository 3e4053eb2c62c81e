# Ternary conditional expressions, nested and lazily evaluated.
for n in range(-2, 3):
    sign = "neg" if n < 0 else "zero" if n == 0 else "pos"
    parity = ("even" if n % 2 == 0 else "odd")
    print(n, sign, parity)
print(1 if True else 1 / 0, 1 / 0 if False else "lazy")
x = 7
print((x if x > 5 else 5) * 2, x if x > 10 else -x)
values = [a if a % 3 else "fizz" for a in range(1, 8)]
print(values)
f = (lambda v: v * 2) if x > 0 else (lambda v: v)
print(f(21))
print([("even" if i % 2 == 0 else "odd") + str(i) for i in range(4)])
