# Mixing int, float and bool in arithmetic and comparisons.
print(1 + 1.0, 2 * 1.5, 3 - True, True + 0.5, 7 // 2.0, 2 ** 0.5 * 2 ** 0.5)
print(1 == 1.0 == True, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(10 ** 16 + 1 > 1e16, 10 ** 400 > 1e308, -(10 ** 400) < -1e308, 10 ** 400 > float("inf"))
print(type(1 + 1.0).__name__, type(True + True).__name__, type(True * 1.0).__name__)
print(max(1, 2.0, True), min(0, -0.0), max(-0.0, 0), sum([1, 2.0, True]))
print(int(3.999), int(-3.999), float(7) / 2, 3 / 1.5)
print(hash(1) == hash(1.0) == hash(True), {1: "int"}[1.0], 1.0 in {1, 2})
print(abs(-3), abs(-3.0), abs(True), abs(-(2 ** 70)))
try:
    10 ** 400 * 1.0
except OverflowError as e:
    print("OverflowError:", e)
try:
    2 ** 10000 / 1
except OverflowError as e:
    print("OverflowError:", e)
