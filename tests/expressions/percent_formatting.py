# printf-style % formatting of strings.
print("%d %s %r %5.2f" % (42, "str", "repr", 3.14159))
print("%s" % "single", "%s" % (("tuple",),), "%d%%" % 50)
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %e %E %g %G" % (255, 255, 8, 255, 8, 12345.678, 0.00012, 1e-5, 1e20))
print("%10s|%-10s|%.2s|%r|%a" % ("right", "left", "truncate", "it's", "é"))
print("%c%c" % (72, "i"), "%i" % 3.99, "%d" % -7.5, "%s" % None, "%s %s" % (True, [1, 2]))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (6, 1, 6, 2, 3, 2.0))
print("%.3f %.0f %10.4e %-10.1f|" % (2 / 3, 2.5, 123456.789, -0.05))
print("%s" % 2 ** 100, "%d" % 2 ** 100, "%x" % 2 ** 80)
print("no args %%" % ())
for bad in [("%d", "x"), ("%s %s", ("one",)), ("%s", (1, 2)), ("%z", 1), ("%(k)s", {"j": 1})]:
    fmt, args = bad
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
