# _bisect: insertion points with lo/hi/key, insort into lists and other sequences, CPython's errors.
import _bisect
import bisect

print(bisect.bisect is _bisect.bisect_right, bisect.insort is _bisect.insort_right)

a = [1, 2, 2, 2, 5, 7, 7, 9]
for x in [0, 1, 2, 3, 7, 9, 10]:
    print(x, _bisect.bisect_left(a, x), _bisect.bisect_right(a, x), _bisect.bisect_left(a, x, 2), _bisect.bisect_right(a, x, 1, 5))
print(_bisect.bisect_left(a, 7, hi=-1), _bisect.bisect_left(a, 7, 0, -5), _bisect.bisect_right(a, 2, lo=3), _bisect.bisect_left(a, 2, 0, None))
print(_bisect.bisect_left((1, 3, 5), 4), _bisect.bisect_right("acegi", "d"), _bisect.bisect_left(range(0, 100, 3), 50))

records = [("alice", 31), ("bob", 25), ("carol", 40)]
records.sort(key=lambda r: r[1])
print(_bisect.bisect_left(records, 30, key=lambda r: r[1]), _bisect.bisect_right(records, 40, key=lambda r: r[1]))
_bisect.insort_left(records, ("dave", 30), key=lambda r: r[1])
bisect.insort(records, ("eve", 40), key=lambda r: r[1])
print(records)

s = []
for v in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    _bisect.insort_right(s, v)
print(s)
s2 = []
for v in [(1, "b"), (1, "a"), (0, "z")]:
    _bisect.insort_left(s2, v)
print(s2)


class Seq:
    def __init__(self, items):
        self.items = items
        self.log = []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        self.log.append(i)
        return self.items[i]

    def insert(self, i, x):
        self.log.append(("insert", i))
        self.items.insert(i, x)


q = Seq([10, 20, 30, 40, 50, 60, 70])
print(_bisect.bisect_left(q, 35), q.log)
bisect.insort(q, 65)
print(q.items, q.log)


class Probe:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("lt", self.v, other.v if isinstance(other, Probe) else other)
        return self.v < (other.v if isinstance(other, Probe) else other)


ps = [Probe(i) for i in range(8)]
print(_bisect.bisect_right(ps, Probe(5)))


class L(list):
    def insert(self, i, x):
        print("L.insert", i, x)
        super().insert(i, x)


ll = L([1, 3])
bisect.insort(ll, 2)
print(ll)


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


for f in [_bisect.bisect_left, _bisect.insort_right]:
    t(f)
    t(f, [1, 2])
    t(f, [1, 2], 1, -1)
    t(f, [1, 2], 1, "a")
    t(f, 1, 1)
    t(f, [1, 2], 1, key=None)
    t(f, [1, 2], 1, x=3)
    t(f, [1, 2], 1, 0, 5)
    t(f, [1, 2], 1, 0, None)
    t(f, [1, 2], 1, None)
    t(f, [1, 2], 1, lo=-1)
    t(f, [1, 2], 1, 0, 1, 2)
    t(f, None, 1, 0, 0)
    t(f, (1, 2), 1, 0, -5)
    t(f, [1, 2], 1, 0, 2**70)
    t(f, {1: 2}, 1, 0, 1)
    t(f, [1, "a"], 2)
    t(f, [1, 2], 1, foo=1)
