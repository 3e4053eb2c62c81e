# Plain, chained, tuple, swap, starred and nested assignment targets.
a = b = c = 5
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (10, 20), 30
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
m, *n = (7,)
print(m, n)
[s, t] = "st"
print(s, t)
(u, [v, *w]), z = ("u", [1, 2, 3]), "z"
print(u, v, w, z)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 99
print(i, lst)
d = {}
d["k"], d["j"] = "kv", "jv"
print(d)
lst2 = [1, 2, 3, 4, 5]
lst2[1:3] = ["a", "b", "c", "d"]
print(lst2)
x = y = []
x.append(1)
print(x, y, x is y)
for a, *b in [(1, 2, 3), (4,)]:
    print(a, b)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
