# if / elif / else chains, nested ifs, one-line bodies, truthiness of conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"


for n in [-5, 0, 3, 9, 10, 1000]:
    print(n, classify(n))

x = 7
if x % 2: print("odd")
else: print("even")

if x > 5:
    if x > 6:
        print("x > 6")
    else:
        print("5 < x <= 6")

for value in [0, 1, "", "a", [], [0], (), None, 0.0, -0.0, 2.5, {}, {1: 2}]:
    if value:
        print(repr(value), "is truthy")
    else:
        print(repr(value), "is falsy")

if not x == 8 and x != 6:
    print("neither 8 nor 6")

if x:
    pass
elif 1 / 0:
    print("never evaluated")
print("done")
