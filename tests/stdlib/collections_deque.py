# _collections.deque: operations, maxlen, rotation, indexing, comparisons, repr, iteration errors.
from _collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft("ab")
print(d, d.maxlen)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d)
d.reverse()
print(d)
print(d.count(7), d.index(7), d.index(2, 1), 3 in d, 99 in d, "a" in d)
d.remove("a")
print(d)
d.insert(1, "i")
d.insert(-1, "j")
d.insert(100, "end")
d.insert(-100, "begin")
print(d)
d[1] = "x"
del d[0]
del d[-1]
print(d, d[-2])
d.clear()
print(d, len(d))

b = deque(range(10), maxlen=3)
print(b, b.maxlen)
b.append(10)
b.appendleft(-1)
print(b)
b.extend([20, 21])
print(b)
b.extendleft([30, 31])
print(b)
print(repr(deque()), repr(deque(maxlen=0)), repr(deque("ab", maxlen=None)), repr(deque([1], 5)))
z = deque(maxlen=0)
z.append(1)
z.extend([1, 2])
print(z)

x = deque([1])
x.append(x)
print(x)
w = deque([1])
w.extend(w)
w.extendleft(w)
print(w)

print(deque([1, 2]) + deque([3]), deque([1, 2], maxlen=2) + deque([3]), deque([1, 2]) * 3, 2 * deque([1, 2]))
print(deque([1, 2], maxlen=3) * 3, deque([1, 2]) * 0, deque([1, 2]) * -1)
y = deque([1, 2], maxlen=3)
y *= 2
print(y)
y += [7, 8]
print(y)
y *= 1
print(y)
y *= 0
print(y)
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1, 2]) != deque([1]), deque([1, 2]) < deque([1, 3]),
      deque([1, 2]) <= deque([1, 2]), deque([2]) > deque([1, 9]), deque([1, 2]) >= deque([1, 2, 0]))
print(deque([[1]]) == deque([[1]]), deque([1, [2]]) == deque([1, [3]]))
print(list(reversed(deque([1, 2, 3]))), list(deque("abc")), sorted(deque([3, 1, 2])), sum(deque([1, 2, 3])))
c = deque([1, 2, 3], maxlen=5)
c2 = c.copy()
c2.append(4)
print(c, c2, c2.maxlen, c.__copy__())
print(deque([1, 2]).__reduce__()[:3], deque([1, 2], 3).__reduce__()[:3])
print(deque([1, 1, 2, 1]).count(1), deque([[1], [1]]).count([1]))

it = iter(deque([1, 2, 3]))
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(type(iter(deque())).__name__, type(reversed(deque())).__name__)

ops = {
    "append": lambda q: q.append(9), "appendleft": lambda q: q.appendleft(9), "pop": lambda q: q.pop(),
    "popleft": lambda q: q.popleft(), "extend": lambda q: q.extend([7]), "extend0": lambda q: q.extend([]),
    "extendleft": lambda q: q.extendleft([7]), "rotate1": lambda q: q.rotate(1), "rotate0": lambda q: q.rotate(0),
    "reverse": lambda q: q.reverse(), "clear": lambda q: q.clear(), "setitem": lambda q: q.__setitem__(1, 5),
    "delitem": lambda q: q.__delitem__(1), "remove": lambda q: q.remove(2), "insert": lambda q: q.insert(1, 5),
    "iadd": lambda q: q.__iadd__([1]), "imul2": lambda q: q.__imul__(2), "imul1": lambda q: q.__imul__(1),
    "imul0": lambda q: q.__imul__(0), "index": lambda q: q.index(2), "count": lambda q: q.count(2),
    "copy": lambda q: q.copy(), "init": lambda q: q.__init__([1, 2, 3, 4]), "contains": lambda q: 3 in q,
}
for name, op in ops.items():
    q = deque([1, 2, 3, 4])
    i = iter(q)
    next(i)
    op(q)
    try:
        print(name, next(i), list(i))
    except RuntimeError as e:
        print(name, "RuntimeError", e)
q = deque([1, 2, 3], maxlen=3)
i = iter(q)
next(i)
q.append(4)
try:
    next(i)
except RuntimeError as e:
    print("maxlen append:", e)
q = deque([1, 2, 3, 4])
i = reversed(q)
print(next(i), next(i))
q.reverse()
print(list(i))


class Eq:
    def __init__(self, q):
        self.q = q

    def __eq__(self, other):
        self.q.append(0)
        return False


q = deque([1, 2, 3])
for meth in ["count", "index", "remove", "__contains__"]:
    q = deque([1, 2, 3])
    try:
        getattr(q, meth)(Eq(q))
    except (RuntimeError, IndexError, ValueError) as e:
        print(meth, type(e).__name__, e)


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


d = deque([1, 2, 3])
t(d.remove, 9)
t(d.index, 9)
t(d.index, 2, 0, 1)
t(d.index, 2, -2)
t(d.index, 3, 1, 100)
t(d.index, 1, "a")
t(deque().pop)
t(deque().popleft)
t(lambda: d[5])
t(lambda: d[-4])
t(lambda: d["a"])
t(lambda: d[0:1])
t(lambda: d[True])
t(lambda: d[2**70])
t(d.__setitem__, 5, 0)
t(d.__delitem__, 5)
t(deque([1, 2], maxlen=2).insert, 0, 5)
t(deque, [1], maxlen=-1)
t(deque, [1], maxlen="a")
t(deque, 1)
t(deque, [1], 2, 3)
t(deque, x=1)
t(deque, [1], None)
t(d.rotate, "a")
t(d.rotate, 2**70)
t(d.rotate, 1, 2)
t(d.append)
t(d.append, 1, 2)
t(d.append, x=1)
t(d.pop, 1)
t(d.count)
t(d.insert, 1)
t(d.insert, "a", 1)
t(d.index)
t(d.index, 1, 2, 3, 4)
t(d.extend, 1)
t(d.clear, 1)
t(lambda: d + [1])
t(lambda: d * "a")
t(lambda: d * 2**70)
t(lambda: d < deque([1, "a"]))
t(lambda: d.maxlen)
t(deque([1, 2]).__iadd__, 5)
t(deque.append, [], 1)
try:
    d.maxlen = 4
except AttributeError:
    print("maxlen is read-only")
