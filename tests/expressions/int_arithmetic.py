# Integer arithmetic with positive and negative operands.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (6, 3), (1, 10), (-1, 10)]
for a, b in pairs:
    print(f"{a} {b}: + {a + b} - {a - b} * {a * b} // {a // b} % {a % b} / {a / b} divmod {divmod(a, b)}")
print(-3 ** 2, (-3) ** 2, 2 ** -1, 2 ** 0, 0 ** 0, (-2) ** 3)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(-(-5), +5, -+-5, ~5, ~-1, ~0)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 10 - 2 - 3, 100 // 10 // 3, 2 * 3 % 4)
print(17 % 5 * 2, 17 // 5 * 5 + 17 % 5)
print(7 // 1, -7 // 1, 0 // 5, -0)
print(10 / 4, 10 / 5, -10 / 4, 1 / 3)
print(True + True, True * 10, False - 1, -True)
