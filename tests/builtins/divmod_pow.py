# divmod() and pow() (2- and 3-argument forms, negative exponents and modular inverse).
for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 7), (2 ** 70, 12345), (7.5, 2), (-7.5, 2), (7, 0.5)]:
    print(a, b, divmod(a, b))
print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(2.0, 3), pow(0, 0), pow(4, 0.5))
print(pow(2, 10, 1000), pow(3, 200, 13), pow(-3, 3, 7), pow(3, 3, -7), pow(2, 0, 1), pow(5, 2 ** 64, 97))
print(pow(3, -1, 7), pow(2, -2, 11), pow(38, -1, 97), pow(base=2, exp=5), pow(2, exp=3, mod=5))
for bad in [lambda: divmod(1, 0), lambda: pow(0, -1), lambda: pow(2, 3, 0), lambda: pow(2, -1, 4),
            lambda: pow(2.0, 3, 5), lambda: divmod("a", 1), lambda: pow(2, 1.5, 3)]:
    try:
        print(bad())
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
