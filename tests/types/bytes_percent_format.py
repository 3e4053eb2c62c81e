# printf-style formatting of bytes (PEP 461).


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class WithBytes:
    def __bytes__(self):
        return b"<WB>"


class BadBytes:
    def __bytes__(self):
        return "str"


show(lambda: b"%d %s %b %x" % (1, b"s", b"b", 255))
show(lambda: b"%s|%b" % (bytearray(b"ba"), memoryview(b"mv")))
show(lambda: b"%s" % WithBytes())
show(lambda: b"%s" % BadBytes())
show(lambda: b"%s" % "str")
show(lambda: b"%b" % 1)
show(lambda: b"%s" % None)
show(lambda: b"%r %a" % ("\xe9", "x"))
show(lambda: b"%r" % b"x")
show(lambda: b"%a" % [1, "\u20ac"])
show(lambda: b"%c%c%c" % (65, b"B", bytearray(b"C")))
show(lambda: b"%c" % 256)
show(lambda: b"%c" % -1)
show(lambda: b"%c" % b"AB")
show(lambda: b"%c" % "A")
show(lambda: b"%c" % 65.0)
show(lambda: b"%5s|%-5s|%.1s|%5.2s|" % (b"ab", b"cd", b"xyz", b"xyz"))
show(lambda: b"%5c|%-3c|" % (65, 66))
show(lambda: b"%*d|%-*d|%.*f" % (5, 3, 4, 2, 2, 3.14159))
show(lambda: b"%05d %+d % d %x %X %#x %#o %o" % (-42, 5, 5, 255, 255, 255, 8, 8))
show(lambda: b"%e %E %f %F %g %G %.3g" % (12345.678, 0.5, 1.5, 2.5, 1e-5, 1e20, 3.14159))
show(lambda: b"%i %u %d" % (3.9, -2.1, True))
show(lambda: b"%.3d|%5.3x" % (5, 10))
show(lambda: b"%(a)s and %(b)d" % {b"a": b"A", b"b": 2})
show(lambda: b"%(a)s" % {"a": b"A"})
show(lambda: b"%(a)s" % (1,))
show(lambda: b"%(a" % {b"a": 1})
show(lambda: b"100%%" % ())
show(lambda: b"no args" % ())
show(lambda: b"%d" % "x")
show(lambda: b"%x" % 1.5)
show(lambda: b"%f" % "x")
show(lambda: b"%d %d" % (1,))
show(lambda: b"%d" % (1, 2))
show(lambda: b"abc" % 5)
show(lambda: b"abc" % b"x")
show(lambda: b"abc" % [1])
show(lambda: b"abc" % {b"k": 1})
show(lambda: b"%z" % 1)
show(lambda: b"%" % ())
show(lambda: b"%s" % (b"one",))
show(lambda: b"%s %s" % (b"x", b"y"))
show(lambda: b"\xff%s\x00" % b"\xfe")
show(lambda: b"%s" % ())
show(lambda: b"%*d" % ("x", 1))
show(lambda: bytearray(b"%s-%d") % (b"ba", 3))
show(lambda: b"%s".__mod__(b"m"))
show(lambda: b"x".__rmod__(b"%s"))
show(lambda: b"x".__rmod__("%s"))
show(lambda: 5 % b"x")
show(lambda: "%s" % b"in str")
