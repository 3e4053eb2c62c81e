# Assignment expressions in various positions.
if (n := 10) > 5:
    print("n is", n)
print([(y := i * 2, y + 1) for i in range(3)], y)
data = [1, 4, 9, 16, 25]
print([root for x in data if (root := int(x ** 0.5)) % 2 == 1])
print(root)


def f():
    total = 0
    results = [total := total + v for v in range(5)]
    return results, total


print(f())
print((a := 3) + a, a)
print(max(b := [5, 2, 8]), b)
stack = [1, 2, 3]
popped = []
while (top := stack.pop() if stack else None) is not None:
    popped.append(top)
print(popped, top)


def g(z):
    return [w for w in range(z) if (last := w) > 1], last


print(g(5))
print(any((hit := v) > 3 for v in [1, 5, 2]), hit)
