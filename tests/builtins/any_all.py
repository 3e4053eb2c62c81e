# any() and all() on empty iterables, truthiness, short-circuit.
print(any([]), all([]), any([0, "", None]), all([1, "a", [0]]), any([0, 1]), all([1, 0]))
print(any("abc"), all(""), any(range(0)), all(range(1, 5)), any({0: 1}), all({0: 1}))
checked = []


def check(x):
    checked.append(x)
    return x > 2


print(any(check(x) for x in [1, 3, 5]), checked)
checked.clear()
print(all(check(x) for x in [3, 1, 5]), checked)
print(all(isinstance(x, int) for x in [1, True, 2 ** 70]), any(x is None for x in [0, False]))
try:
    any(5)
except TypeError as e:
    print("TypeError:", e)
