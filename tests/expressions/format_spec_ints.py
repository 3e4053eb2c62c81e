# Format specs for ints: width, alignment, fill, sign, grouping, bases, alternate forms.
n = 1234567
for spec in ["", "d", "10", "<10", ">10", "^10", "*^11", "010", "+", "-", " ", ",", "_",
             "x", "X", "#x", "#X", "o", "#o", "b", "#b", "_b", "_x", "#010x", "+,",
             "=+12", "012,", "c", "e", "f", ".2f", "%", "n", "0=10"]:
    try:
        print(repr(spec), repr(format(n, spec)))
    except (ValueError, OverflowError) as e:
        print(repr(spec), type(e).__name__, e)
for v in [0, -1, -255, 2 ** 70, -(2 ** 70)]:
    print(f"{v:,} {v:x} {v:#b} {v:+d} {v:>8} {v:08} {v:_}")
print(f"{65:c}{97:c}", f"{True:d}", f"{True}", f"{False:>6}")
try:
    print(f"{5:s}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{5:,x}")
except ValueError as e:
    print("ValueError:", e)
