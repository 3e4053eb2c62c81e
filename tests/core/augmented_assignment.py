# Augmented assignment on names, subscripts, nested subscripts and all operators.
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 2; print(n)
n //= 5; print(n)
n **= 3; print(n)
n %= 7; print(n)
n <<= 4; print(n)
n >>= 2; print(n)
n |= 0b1010; print(n)
n &= 0b0110; print(n)
n ^= 0b1111; print(n)
f = 7
f /= 2; print(f)

s = "ab"
s += "cd"; s *= 2
print(s)

lst = [1, 2]
alias = lst
lst += [3]          # in place: alias sees it
print(lst, alias, lst is alias)
t = (1, 2)
t2 = t
t += (3,)           # new tuple
print(t, t2)

d = {"a": 1}
d["a"] += 10
d.setdefault("b", 0)
d["b"] -= 1
print(d)

grid = [[0, 0], [0, 0]]
grid[1][0] += 5
grid[-1][-1] -= 2
print(grid)

calls = []
def idx():
    calls.append("idx")
    return 0
vals = [100]
vals[idx()] += 1
print(vals, calls)     # index evaluated once

try:
    missing = {}
    missing["x"] += 1
except KeyError as e:
    print("KeyError", e)
