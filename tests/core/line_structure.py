# Semicolons, explicit/implicit line continuation, comments, one-line compound statements.
a = 1; b = 2; c = a + b; print(c)
total = 1 + \
    2 + \
    3
print(total)
values = [
    1,  # one
    2,  # two
    3,  # trailing comma
]
print(values)
result = (a
          + b
          * c)
print(result)
def one_liner(x): return x * 2
print(one_liner(21))
for i in range(3): print("i", i)
while a < 3: a += 1
print(a)
if a == 3: print("three"); print("also three")
text = ("implicit "
        "string "
        'concatenation')
print(text)
d = {
    "k": [
        1, 2,
    ],
}
print(d)
print("tab\tand\\backslash", r"raw\n", "unicode: \u00e9 \N{GREEK SMALL LETTER ALPHA}")
