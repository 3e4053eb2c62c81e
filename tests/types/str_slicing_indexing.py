# String indexing, slicing, iteration and immutability.
s = "Python 3.12"
print(s[0], s[-1], s[7:], s[:6], s[::2], s[::-1], s[-4:-1], s[100:], repr(s[5:2]))
print(len(s), len(""), len("é"), len("日本語"), "日本語"[1], "日本語"[::-1])
for i, ch in enumerate("hey"):
    print(i, ch, ord(ch))
word = "racecar"
print(word == word[::-1], "palindrome"[::-1])
print(s[1:3] + s[-2:], s[:3] * 2)
emoji = "a😀b"
print(len(emoji), emoji[1], emoji[::-1], repr(emoji))
try:
    s[0] = "p"
except TypeError as e:
    print("TypeError:", e)
try:
    del s[0]
except TypeError as e:
    print("TypeError:", e)
