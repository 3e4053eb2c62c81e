# bool is an int subclass: arithmetic, repr, conversions, comparison.
print(True, False, repr(True), str(False), int(True), float(False))
print(True + True, True - False, True * 7, True / 2, True // 2, True ** 10, -True, ~True, ~False)
print(True == 1, False == 0, True is True, True > False, max(True, 0), sum([True, True, False]))
print(bool(), bool(0), bool(1), bool(-1), bool(""), bool("False"), bool([]), bool(None), bool(0.0), bool(-0.0))
print(isinstance(True, int), isinstance(1, bool), type(True).__name__, type(True + 1).__name__)
print(True & False, True | False, True ^ False, type(True & False).__name__, type(True & 1).__name__)
print(f"{True} {True:d} {False:>5} {True!r}", "%d %s" % (True, False))
d = {1: "one", True: "true", 1.0: "float"}
print(d, len(d))
print([1, 2, 3][True], "abc"[False])
print(hash(True), hash(False), divmod(True, 1))
print(str(True).upper(), len(str(False)))
