# format(), f-strings and str.format with specs on small and big ints, floats and strs: the paths that skip
# big-int conversion and digit grouping, next to the ones that need them.
vals = [0, 7, -7, 255, -255, 123456789, -123456789, 2**63 - 1, -2**63, 2**70, True]
specs = ["", "d", "5d", "<6d", "^7d", "=+8d", "08d", "+d", " d", "x", "#x", "X", "#X", "o", "#o", "b", "#010b",
         ",", "_d", "012,d", "_x", "n", "*^9", "é>6", "0=6", "c"]
for v in vals:
    row = []
    for sp in specs:
        try:
            row.append(format(v, sp))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    print(v, row)
for sp in ["", ">8", "é<6", "^7.2", ".1", "s", "=5", "+"]:
    try:
        print(repr(format("abc", sp)), repr(format("é€", sp)))
    except ValueError as e:
        print("ValueError:", e)
for sp in ["", ".2f", "8.3f", "<9.1e", "+.3g", "010.2f", ",.2f", "_", "%", ".0%", "é^10.1f", "z.1f"]:
    print(repr(format(-1234.5678, sp)), repr(format(0.5, sp)))
for sp in ["5", "5.", ".5x", ",_", "__", "99999999999999999999d", "-c", ".2d", "zd"]:
    try:
        print(sp, repr(format(42, sp)))
    except ValueError as e:
        print(sp, "ValueError:", e)
x, w = 42, 7
print(f"{x:>{w}}|{x:#x}|{x:_b}|{-x:08d}|{x!r:>5}|{'s':*<4}|{3.5:5}|{x:n}")
print("{:>6}|{:<6x}|{:^+6}|{}|{!r}|{:,}".format(5, 255, 3, 2**64, "q", 10**6))
class F(int):
    def __format__(self, spec):
        return "F(" + spec + ")"
print("{}|{:x}".format(F(1), F(2)), f"{F(3):>4}", format(F(4)))
class G(str):
    def __str__(self):
        return "G-str"
print("{}|{:>6}|{!s}".format(G("g"), G("g"), G("g")))
