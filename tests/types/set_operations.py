# Sets of small ints: operators, methods, printing order, frozenset.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([7]), a.intersection(range(3)), a.difference({1}), a.symmetric_difference([4, 8]))
print({3, 1, 2}, {10, 5, 1, 100, 33}, {-1, -5, 0, 8}, set(), {0}, set([5, 5, 5]))
print(set(range(20, 0, -3)), set("aaa"), {True, 1, 1.0})
s = set()
s.add(5)
s.add(1)
s.add(5)
print(s, len(s))
s.discard(5)
s.discard(99)
print(s)
s.remove(1)
print(s, s == set())
c = {1, 2}
print(c <= {1, 2, 3}, c < {1, 2}, c >= {1}, c.issubset([1, 2]), c.issuperset([]), c.isdisjoint({3}))
print(2 in c, 5 not in c, {1, 2} == {2, 1}, {1} == frozenset({1}))
d = {1, 2, 3}
d |= {10}
d &= {1, 2, 10}
d -= {2}
d ^= {1, 50}
print(d)
u = {8, 9}
u.update([1], (2,))
print(u, u.pop(), u)
fs = frozenset([3, 1, 2])
print(fs, frozenset(), fs | {9}, type(fs | {9}).__name__, {9} | fs, type({9} | fs).__name__)
print(sorted({5, 3, 9}), max({5, 3, 9}), sum({1, 2, 3}), {x % 3 for x in range(10)})
print({2 ** 40, 2 ** 41, 1})
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    {1}.remove(2)
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
