# str(), int(), float() conversion round trips and numeric parsing details.
for s in ["0", "-17", "  8 ", "1_2_3", "+0", "00012"]:
    print(repr(s), int(s), float(s), str(int(s)))
for s in ["3.14", "-0.0", "1e3", "1E-3", ".5", "5.", "  2.5\t", "inf", "-INF", "NaN", "1_0.2_5"]:
    print(repr(s), float(s))
for n in [0, -0, 7, 2 ** 100, -1]:
    print(str(n), repr(n), int(str(n)) == n)
for f in [0.1, -2.5, 1e16, 1e-5, 123.0]:
    print(str(f), float(str(f)) == f, int(f))
print(str(3) + str(4), int("3") + int("4"), float("3") + float("4"))
