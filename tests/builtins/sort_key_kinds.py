# Sorting keys of one built-in kind (ints, floats, strs, tuples of them) and the mixes that must take the
# general comparison: order, stability, reverse, errors.
import math

class Tag:
    def __init__(self, k, n):
        self.k, self.n = k, n
    def __repr__(self):
        return f"{self.k}/{self.n}"

def tags(keys):
    return [Tag(k, i) for i, k in enumerate(keys)]

def by_key(keys, reverse=False):
    return sorted(tags(keys), key=lambda t: t.k, reverse=reverse)

# Ints and bools compare as ints; equal keys keep their order, also when reversed.
print(by_key([3, True, 1, 0, False, -5, 3, 2**62, -2**63]))
print(by_key([3, True, 1, 0, False, -5, 3], reverse=True))
# Big ints mixed in.
print(by_key([2**70, 1, -2**80, 5, 2**70]))
# Floats: -0.0 and 0.0 are equal, so they keep their order.
print(by_key([1.5, -0.0, 0.0, -2.5, 0.0, -0.0, math.inf, -math.inf]))
print(by_key([1.5, -0.0, 0.0, -2.5, 0.0, -0.0], reverse=True))
# Ints mixed with floats.
print(by_key([1, 0.5, 2, 1.0, True, 0.25]))
# NaN keys: the general comparison (every comparison with NaN is false).
print(sorted([3.0, float("nan"), 1.0, 2.0]))
print(sorted([float("nan"), 3.0, 1.0, 2.0]))
# Strs, non-ASCII included (code-point order).
words = ["beta", "alpha", "Beta", "é", "z", "", "ä", "\u20ac", "\U0001f600", "alpha", "alp", "ALPHA"]
print(sorted(words))
print(sorted(words, reverse=True))
print(by_key(["b", "a", "b", "a"], reverse=True))
# Tuples of one kind per position, of different lengths.
print(sorted([(1, "b"), (1, "a"), (0, "z"), (1,), (1, "a", 2.5), (1, "a", 0.5), (), (0,)]))
print(by_key([(1, "b"), (1, "b"), (0, "z"), (1,), (0, "z")], reverse=True))
print(by_key([(2, -1.5), (2, -0.0), (2, 0.0), (1, 9.0)]))
# Tuples whose positions mix kinds: fine while earlier items decide...
print(sorted([(1, "a"), (2, 3), (0, "b")]))
# ...a TypeError when they do not.
try:
    sorted([(1, "a"), (1, 3)])
except TypeError as e:
    print("TypeError:", e)
# Mixed kinds that are not comparable.
for bad in ([1, "a"], ["a", 1], [1.5, "x"], [(1,), 1], [None, 1]):
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError:", e)
# str subclasses with their own ordering are honoured.
class Rev(str):
    def __lt__(self, other):
        return str.__gt__(self, other)
print(sorted([Rev("a"), Rev("c"), Rev("b")]))
print(sorted(["a", Rev("c"), "b"]))
# Tuple subclasses and nested tuples.
class T(tuple):
    pass
print(sorted([T((2, 1)), T((1, 2)), (1, 1)]))
print(sorted([((1, 2), "b"), ((1, 1), "c"), ((0, 9), "a")]))
# A key function that raises stops the sort and leaves the list unchanged.
lst = [3, 1, 2, 0]
def key(x):
    if x == 0:
        raise ValueError("no zero")
    return x
try:
    lst.sort(key=key)
except ValueError as e:
    print("ValueError:", e, lst)
# A list mutated during the sort.
lst = [3, 1, 2]
def grow(x):
    lst.append(x)
    return x
try:
    lst.sort(key=grow)
except ValueError as e:
    print("ValueError:", e)
# list.sort in place, with and without keys.
lst = [5, 3, 5.0, 1, 4]
lst.sort()
print(lst)
lst = ["b", "c", "a"]
lst.sort(reverse=True)
print(lst)
lst = [(1, "x"), (0, "y"), (1, "a")]
lst.sort(key=lambda t: t[1])
print(lst)
print(sorted(range(20), key=lambda i: (i % 3, -i)))
print(sorted("hello world"))
print(sorted([]), sorted([1]), sorted([(1, 2)]))
