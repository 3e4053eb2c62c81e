# float() of text: white space around, signs, underscores between digits, inf/nan spellings in any case,
# non-ASCII digits and spaces, bytes, and the errors for text that is not a float.
good = [" 678.50 ", "1_000.5", "1e5", "1E-5", "-0", "+.5", "5.", "\t\n 12 \r", "inf", "-Infinity", "+INF", "nAn",
        "-nan", "1_2.3_4e1_0", "0.1", "1e400", "-1e400", "1e-400", "00012.500", "\u0661\u0662\u0663.5",
        "\u2003 3.5 \u3000", "9007199254740993", "2.4703282292062328e-324", "infinity"]
for t in good:
    print(repr(t), repr(float(t)))
bad = ["", " ", "1__0", "1_", "_1", "1._5", "1_.5", "infinit", "in", "nanx", "1e", "1e+", ".", "-", "1.2.3",
       "0x10", "1 2", "\x00", "12\u00e9", "e5"]
for t in bad:
    try:
        float(t)
    except ValueError as e:
        print(repr(t), "ValueError:", e)
print(float(b" 2.5 "), float(bytearray(b"-1_0")))
class S(str):
    def __float__(self):
        return 42.0
class T(str):
    pass
print(float(S("1.5")), float(T(" 7.25 ")))
