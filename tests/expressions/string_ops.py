# String concatenation, repetition, membership, comparison, and iteration.
s = "abc"
print(s + "def", s * 3, 3 * s, s * 0, s * -1, repr("" * 100))
print("b" in s, "bc" in s, "ac" in s, "" in s, "B" not in s)
print(s == "abc", s != "ABC", s < "abd", s > "ab", "Z" < "a")
print([c for c in s], list(reversed(s)), len(s * 1000))
t = s
t += "!"
print(s, t)
print(" ".join(["x", "y"]) + "-" * 3)
print("multi" "part" "literal", 'single' + "double")
print("""triple
quoted""")
print('a\'b', "a\"b", "tab\there", "back\\slash", "nul:\x00:".replace("\x00", "0"))
print("\u00e9\u4e2d\U0001F600", len("\u00e9\u4e2d\U0001F600"))
try:
    print("a" + 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print("a" * 2.0)
except TypeError as e:
    print("TypeError:", e)
try:
    print("a" - "b")
except TypeError as e:
    print("TypeError:", e)
