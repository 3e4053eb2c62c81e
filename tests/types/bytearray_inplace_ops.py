# +=, *=, +, * and comparisons with bytearray: in-place operators keep the object.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


a = bytearray(b"ab")
alias = a
a += b"cd"
print(a, alias, a is alias)
a += bytearray(b"ef")
a += memoryview(b"gh")
a += b""
print(a, a is alias)
a *= 2
print(a, a is alias)
a *= 1
print(a)
a *= 0
print(a, a is alias, len(alias))
a = bytearray(b"xy")
a *= -3
print(a)
a = bytearray(b"q")
try:
    a += "str"
except TypeError as e:
    print("TypeError:", e)
try:
    a += [1]
except TypeError as e:
    print("TypeError:", e)
try:
    a *= "x"
except TypeError as e:
    print("TypeError:", e)
try:
    a *= 1.5
except TypeError as e:
    print("TypeError:", e)
print(a)
show(lambda: bytearray(b"ab").__iadd__(b"c"))
show(lambda: bytearray(b"ab").__iadd__("c"))
show(lambda: bytearray(b"ab").__imul__(3))
show(lambda: bytearray(b"ab").__imul__("3"))
show(lambda: bytearray(b"ab") + b"cd")
show(lambda: bytearray(b"ab") + bytearray(b"cd"))
show(lambda: bytearray(b"ab") + memoryview(b"cd"))
show(lambda: b"ab" + bytearray(b"cd"))
show(lambda: bytearray(b"ab") + "cd")
show(lambda: bytearray(b"ab") + 1)
show(lambda: bytearray(b"ab") * 2)
show(lambda: 2 * bytearray(b"ab"))
show(lambda: bytearray(b"ab") * "2")
show(lambda: bytearray(b"ab") == b"ab")
show(lambda: bytearray(b"ab") < b"b")
show(lambda: bytearray(b"ab") < bytearray(b"ab"))
show(lambda: bytearray(b"ab") <= memoryview(b"ab"))
show(lambda: memoryview(b"ab") < bytearray(b"b"))
show(lambda: bytearray(b"ab") == "ab")
show(lambda: bytearray(b"ab") < "ab")
show(lambda: hash(bytearray(b"ab")))
show(lambda: {bytearray(b"k"): 1})
show(lambda: bytearray.__hash__)
show(lambda: 98 in bytearray(b"abc"))
show(lambda: b"bc" in bytearray(b"abc"))
show(lambda: 300 in bytearray(b"abc"))
show(lambda: "a" in bytearray(b"abc"))
show(lambda: bytearray(b"%d-%s") % (1, b"x"))
show(lambda: bytearray(b"abc")[1])
show(lambda: bytearray(b"abc")[3])
show(lambda: bytearray(b"abc")["x"])
