# printf-style `%` formatting: the conversions written in place (%s of a str or int, %d of an int) next to
# flags, widths, precisions, non-ASCII text, mappings, subclasses and every error message.
class S(str):
    def __str__(self):
        return "S-str"
class I(int):
    def __str__(self):
        return "I-str"
    def __repr__(self):
        return "I-repr"
print("%s|%s|%s|%s" % ("abc", 12, -7, "é€"))
print("%d|%i|%u|%d" % (5, -5, 0, 2**70))
print("%+d|% d|%+d|% d|%+s|% s" % (5, 5, -5, -5, 5, 5))
print("%5d|%-5d|%05d|%+05d|%.3d|%-+6d|" % (42, 42, 42, 42, 7, 3))
print("%5s|%-5s|%.2s|%5.1s|%05s|" % ("ab", "ab", "abc", "xyz", "q"))
print("%s %s %d %d" % (True, False, True, False))
print("%s|%d|%s" % (S("x"), I(3), I(4)))
print("%r|%a|%r" % ("é", "é", I(1)))
print("%x|%X|%o|%#x|%#o|%#X|%x|%5x|%-5x|%05x" % (255, 255, 8, 255, 8, 255, -255, 10, 10, 10))
print("%x|%o" % (2**70, -2**70))
print("%c%c%c|%3c|%-3c|" % (65, "é", 8364, "z", "y"))
print("%.2f|%8.3f|%-8.1f|%e|%g|%G|%+.1f|%08.2f" % (3.14159, 2.5, 1.25, 12345.678, 0.0001, 1e20, 2.0, -3.14159))
print("%d|%i" % (3.99, -3.99))
print("%f|%d" % (5, 7.0))
print("%*d|%-*d|%.*f|%*s" % (6, 42, 6, 42, 2, 3.14159, -4, "a"))
print("%% %s %%" % "x", "%%" % ())
print("%(a)s-%(b)05d-%(a)r-%(c)s" % {"a": "é", "b": 42, "c": [1]})
print("%(x)s %(x)s" % {"x": 1, "unused": 2})
print("x%sy" % ("z",), "%s" % [1, 2], "%s" % (1,), "%s" % ((1, 2),))
print("€%s€%d€" % ("ü", 3), "%ld %hd %Ld" % (1, 2, 3))
print("" % (), "plain" % {}, "%s" % {"k": 1})
print(S("%s!") % "x", type(S("%s") % "y").__name__)
for fmt, args in [
    ("%s %s", (1,)), ("%s", (1, 2)), ("%d", "x"), ("%d", (None,)), ("%x", 1.5), ("%c", "ab"),
    ("%c", 0x110000), ("%(a)s", (1,)), ("%(a", {"a": 1}), ("%", ()), ("%5", (1,)), ("€%y", (1,)),
    ("ab%€", (1,)), ("%f", "x"), ("%(k)s", {}), ("%*d", ("x", 1)), ("%s %s", [1, 2]),
]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
