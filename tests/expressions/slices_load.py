# Slicing with start/stop/step, negatives, out-of-range bounds, on list/str/tuple/range.
lst = list(range(10))
s = "abcdefghij"
t = tuple(lst)
r = range(10)
specs = [
    (None, None, None), (2, None, None), (None, 3, None), (2, 7, None), (-3, None, None),
    (None, -3, None), (-7, -2, None), (None, None, 2), (1, None, 3), (None, None, -1),
    (8, 2, -2), (-1, -6, -1), (None, 4, -1), (5, None, -2), (100, None, None),
    (-100, 100, None), (7, 3, None), (3, 3, None), (None, None, 100), (None, None, -100),
]
for a, b, c in specs:
    print((a, b, c), lst[a:b:c], s[a:b:c], t[a:b:c], list(r[a:b:c]))
print(s[::-1], lst[::-1][:3])
print(r[2:8:3], r[::-1], range(0, 20, 3)[::2], range(10, 0, -1)[1:4])
print(lst[1:-1][::2], s[-2:], s[:-2])
k = 2
print(lst[k:k + 3], s[k * 2:])
try:
    print(lst[::0])
except ValueError as e:
    print("ValueError:", e)
try:
    print(lst["a":])
except TypeError as e:
    print("TypeError:", e)
