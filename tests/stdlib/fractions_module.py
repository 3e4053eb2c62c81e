# fractions: exact rational arithmetic, parsing, limit_denominator, mixing with int/float.
from fractions import Fraction

a = Fraction(3, 4)
b = Fraction("5/6")
print(a + b, a - b, a * b, a / b, a ** 2, -a, abs(Fraction(-7, 3)))
print(Fraction(0.75), Fraction("1.25"), Fraction(10, -4), Fraction(3, 4) == 0.75, a < b)
print(Fraction(355, 113).limit_denominator(10), Fraction(1, 3) + 1, 2 * Fraction(1, 3), float(Fraction(1, 8)))
print(repr(Fraction(2, 6)), str(Fraction(4, 2)), Fraction(7, 2).numerator, Fraction(7, 2).denominator)
print(round(Fraction(7, 2)), round(Fraction(5, 2)), Fraction(22, 7).__floor__(), hash(Fraction(1, 2)) == hash(0.5))
print(sum(Fraction(1, n) for n in range(1, 6)), Fraction(1, 3).as_integer_ratio(), f"{Fraction(1, 3):.5f}")
for bad in ("1/0", "abc"):
    try:
        Fraction(bad)
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__, e)
