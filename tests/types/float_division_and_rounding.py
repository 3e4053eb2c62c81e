# True division always gives float; round with ndigits; float equality of results.
print(1 / 2, 4 / 2, -9 / 4, 0 / 5, 10 / 3, 2 ** 60 / 3)
print(type(4 / 2).__name__, type(4 // 2).__name__, type(4.0 // 2).__name__)
for x in [0.125, 0.375, 1.005, 2.345, -2.345, 1234.5, 0.0049999]:
    print(x, round(x), round(x, 1), round(x, 2), round(x, -1))
print(round(123456789, -3), round(-123456789, -4), round(2 ** 70, -20))
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0)
total = 0.0
for _ in range(10):
    total += 0.1
print(total, round(total, 10))
print(7 // 2.0, -7 // 2.0, 7 % 2.5, -7 % 2.5, 7.0 // -2.5)
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10)
print((0.1).is_integer(), (2.0).is_integer(), (2.5).as_integer_ratio())
