# repr/str of floats: shortest round-trip representation and exponent switch points.
values = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1.0, -1.0, 100.0, 1e15, 1e16, 1e17, 123456789012345678.0,
          1e-4, 1e-5, 1e-7, 0.0001234, 1.5e-10, 1e22, 1e100, -1e-100, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 0.5, 0.25, 3.0, 2 ** 53, 9007199254740993.0, 1.0000000000000002,
          float("inf"), float("-inf"), float("nan"), -0.0, 0.0, 314.15e-2, 12345.6789e3]
for v in values:
    print(repr(v), str(float(v)))
print(float("0.1"), float("  -3.5e2 "), float("inf"), float("-Infinity"), float("nan"), float("1_000.5"))
print(float(10), float(-3), float(2 ** 100), float(True), float("1e500"), float("-0"))
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(3.14159, 3), round(1234.5678, -2), round(5, -1), round(15, -1), round(25, -1))
print(round(1e20), round(0.1 + 0.2, 10), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
for bad in ["", "abc", "1.2.3", "0x10"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    float(2 ** 2000)
except OverflowError as e:
    print("OverflowError:", e)
