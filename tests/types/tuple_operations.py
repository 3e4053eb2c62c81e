# tuple construction, packing, indexing, methods, comparison, hashing.
t = (1, 2, 3)
print(t, (), (1,), tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)))
single = 1,
print(single, type(single).__name__, len(single))
print(t + (4,), t * 2, (0,) * 0, t[1:], t[::-1], t.index(2), t.count(1))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,), (1, "a") == (1, "a"))
print(2 in t, 5 not in t, len(t), max(t), min(t), sum(t))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
mutable_inside = ([1], [2])
mutable_inside[0].append(10)
print(mutable_inside)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "pair"}[(1, 2)])
a, b = t[:2]
print(a, b)
print(tuple(x * 2 for x in t), ((),), ((), ()))
try:
    t.index(9)
except ValueError as e:
    print("ValueError:", e)
try:
    hash(([1],))
except TypeError as e:
    print("TypeError:", e)
try:
    t + [4]
except TypeError as e:
    print("TypeError:", e)
