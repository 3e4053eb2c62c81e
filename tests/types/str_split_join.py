# split, rsplit, splitlines, partition, join.
s = "  the quick  brown\tfox\njumps  "
print(s.split())
print(s.split(" "))
print("a,b,,c,".split(","))
print("a,b,,c,".split(",", 1), "a,b,,c,".rsplit(",", 1), "a,b,c".rsplit(",", maxsplit=1))
print("a b c d".split(maxsplit=2), "  a b  ".split(None, 1), "a b c".rsplit(None, 1))
print("".split(), "".split(","), "   ".split(), "abc".split("abc"))
print("one::two::three".split("::"), "x".split("x"))
print("line1\nline2\r\nline3\rline4\n".splitlines())
print("line1\nline2\n".splitlines(True), "".splitlines(), "no newline".splitlines())
print("key=value=more".partition("="), "novalue".partition("="), "a=b=c".rpartition("="))
print(",".join(["a", "b", "c"]), "".join(["x", "y"]), " - ".join("abc"), "+".join([]))
print("\n".join(str(i) for i in range(3)))
print("-".join(("tuple", "join")), ", ".join({"k1": 1, "k2": 2}))
try:
    ",".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
