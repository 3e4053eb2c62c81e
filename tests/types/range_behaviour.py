# range objects: repr, len, indexing, slicing, membership, negative steps, equality.
ranges = [range(5), range(2, 10), range(0, 10, 3), range(10, 0, -2), range(5, 5), range(5, 0),
          range(-5, 5, 4), range(0, -10, -3), range(0, 2 ** 70, 2 ** 68)]
for r in ranges:
    print(repr(r), len(r), list(r)[:6], bool(r))
r = range(3, 30, 4)
print(r[0], r[-1], r[3], r[1:4], r[::-1], r[::2], r[-2:], r[100:])
print(7 in r, 8 in r, 31 in r, 3.0 in r, "x" in r)
print(r.index(11), r.count(11), r.count(12), r.start, r.stop, r.step)
print(range(0) == range(5, 2), range(0, 3) == range(3), range(1, 10, 3) == range(1, 11, 3))
print(list(range(10, -1, -5)), list(reversed(range(4))), sum(range(101)), max(range(7)))
print(range(2 ** 80)[2 ** 79], len(range(0, 2 ** 64, 3)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(5)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    range(3).index(7)
except ValueError as e:
    print("ValueError:", e)
