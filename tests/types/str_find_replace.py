# find/rfind/index/rindex/count/replace/startswith/endswith.
s = "abracadabra"
print(s.find("a"), s.find("bra"), s.find("z"), s.find("a", 1), s.find("a", 1, 3), s.find(""))
print(s.rfind("a"), s.rfind("bra"), s.rfind("z"), s.rfind("a", 0, 5), s.rfind(""))
print(s.index("c"), s.rindex("b"), s.count("a"), s.count("bra"), s.count(""), s.count("a", 5))
print(s.replace("a", "A"), s.replace("a", "A", 2), s.replace("bra", ""), s.replace("", "-"), s.replace("zz", "y"))
print(s.startswith("abra"), s.startswith("bra"), s.startswith("bra", 1), s.startswith(("x", "ab")))
print(s.endswith("abra"), s.endswith("cad", 0, 7), s.endswith(("a", "b")), s.endswith(""))
print("aaaa".count("aa"), "aaaa".replace("aa", "b"), "".replace("", "x"))
print("hello world".title().swapcase(), "  spaced  ".replace(" ", "_"))
try:
    s.index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("z")
except ValueError as e:
    print("ValueError:", e)
try:
    s.startswith(["a"])
except TypeError as e:
    print("TypeError:", e)
