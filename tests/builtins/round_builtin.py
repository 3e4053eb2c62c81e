# round(): banker's rounding, ndigits positive/negative, ints stay ints.
for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.4999999999999999, 2.675, 1.005, 10.0]:
    print(x, round(x), round(x, 0), round(x, 1), round(x, 2))
for n in [5, 15, 25, 35, -25, 149, 150, 151, 2 ** 70 + 5]:
    print(n, round(n), round(n, -1), round(n, -2), round(n, 2))
print(type(round(3)).__name__, type(round(3.0)).__name__, type(round(3.0, 1)).__name__, type(round(3, 1)).__name__)
print(round(123.456, -1), round(123.456, -2), round(123.456, -3), round(-123.456, 1))
print(round(True), round(1e300, 2), round(1.23456789e-5, 7))
try:
    round("1.5")
except TypeError as e:
    print("TypeError:", e)
try:
    round(1.5, 1.0)
except TypeError as e:
    print("TypeError:", e)
