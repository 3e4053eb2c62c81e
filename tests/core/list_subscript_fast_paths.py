# List and tuple subscripts on the paths that skip the general protocol (exact list or tuple, int index;
# slice assignment from an exact list or tuple) and on the ones that must not (subclasses, other iterables).

a = list(range(8))
t = tuple(range(5))
for i in (0, 3, 7, -1, -8):
    print(i, a[i], t[i % 5], t[-1])
for bad in (8, -9):
    try:
        a[bad]
    except IndexError as e:
        print("IndexError:", e)
    try:
        a[bad] = 0
    except IndexError as e:
        print("IndexError:", e)
try:
    t[5]
except IndexError as e:
    print("IndexError:", e)
print(a[True], a[False])
a[True] = "one"
print(a)

# Slices read.
b = list(range(10))
print(b[2:5], b[:0], b[8:100], b[-3:], b[::2], b[::-1], b[7:2:-2], b[5:2])

# Slice assignment: same length, shorter, longer, from itself, from tuples, generators, strings.
c = list(range(6))
c[1:3] = ["x", "y"]
print(c)
c[1:3] = ("p",)
print(c)
c[:0] = [7, 8, 9]
print(c)
c[:] = c
print(c)
c[2:] = c[::-1]
print(c)
c[1:4] = (i * i for i in range(5))
print(c)
c[:2] = "ab"
print(c)
c[::2] = ["e"] * len(c[::2])
print(c)
try:
    c[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    c[0:1] = 5
except TypeError as e:
    print("TypeError:", e)
perm = [3, 1, 0, 2]
k = perm[0]
while k:
    perm[: k + 1] = perm[k::-1]
    k = perm[0]
print(perm)


# Subclasses keep their own methods.
class L(list):
    def __getitem__(self, i):
        return ("L", list.__getitem__(self, i))

    def __setitem__(self, i, v):
        list.__setitem__(self, i, ("set", v))

    def __iter__(self):
        return iter(["from", "iter"])


class T(tuple):
    def __getitem__(self, i):
        return ("T", i)


l = L([1, 2, 3])
print(l[0], l[-1], T((1, 2))[0])
l[1] = "v"
print(list.__getitem__(l, 1))
d = [0, 0, 0]
d[0:2] = l
print(d)


class Plain(list):
    pass


p = Plain([5, 6, 7])
p[0] = "five"
print(p[0], p[1:], type(p[1:]).__name__)


# Slices of a list shared with its source keep their own items.
src = [[1], [2], [3]]
dst = src[:]
dst[0:2] = src[1:]
dst[2][0] = "changed"
print(src, dst, dst[0] is src[1])
