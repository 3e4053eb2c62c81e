# int construction, conversion from strings with bases, int methods.
print(int(), int(7), int(-7.9), int(7.9), int(True), int("  42\n"), int("-0"), int("+5"))
print(int("1_000_000"), int("ff", 16), int("0xff", 16), int("0xff", 0), int("0b101", 0), int("0o17", 0))
print(int("z", 36), int("777", 8), int("-101", 2), int("10", 0))
print(int(2 ** 70 + 0.0), int(1e20), int(-1e-10))
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print((10).bit_count(), (-1).bit_count())
print((5).conjugate(), (17).numerator, (17).denominator, (17).real, (17).imag)
print(type(1).__name__, type(10 ** 30).__name__, isinstance(True, int))
for bad in ["", " ", "1.5", "abc", "1__0", "_1", "0x", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad_base in [("12", 2), ("9", 8), ("g", 16)]:
    try:
        int(*bad_base)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("10", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError:", e)
