# _heapq: CPython's sift order (heaps equal element for element), the max variants, errors.
import _heapq
import heapq

print(heapq.heappush is _heapq.heappush, heapq.heapify is _heapq.heapify)

data = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15, 13, 12, 14, 10]
h = list(data)
_heapq.heapify(h)
print(h)
_heapq.heappush(h, -1)
print(h)
print(_heapq.heappop(h), h)
print(_heapq.heapreplace(h, 20), h)
print(_heapq.heappushpop(h, -5), _heapq.heappushpop(h, 3), h)
print([_heapq.heappop(h) for _ in range(len(h))])

# Pseudo-random data, pushes and pops interleaved.
x = 12345
h = []
log = []
for i in range(300):
    x = (x * 1103515245 + 12345) % 2147483648
    if x % 3:
        _heapq.heappush(h, x % 1000)
    elif h:
        log.append(_heapq.heappop(h))
print(h[:20], len(h), sum(log), log[:10])

# The cache-friendly heapify path (more than 2500 items) gives CPython's heap.
big = [(i * 7919) % 5003 for i in range(6000)]
_heapq.heapify(big)
print(big[:15], big[2990:3000], sum(i * v for i, v in enumerate(big)) % 1000003)

# Tuples and strings.
tasks = [(3, "c"), (1, "a"), (2, "b"), (1, "z"), (0, "first")]
_heapq.heapify(tasks)
print(tasks, [_heapq.heappop(tasks) for _ in range(5)])
words = "the quick brown fox jumps over the lazy dog".split()
_heapq.heapify(words)
print(words)

# Max-heap helpers used by heapq.merge(reverse=True) and nlargest.
m = list(data)
_heapq._heapify_max(m)
print(m, _heapq._heappop_max(m), m, _heapq._heapreplace_max(m, 100), m)


# Comparisons through __lt__, counted: the same number and order as CPython.
class Item:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Item.calls += 1
        return self.v < other.v

    def __repr__(self):
        return f"I{self.v}"


items = [Item(v) for v in data]
_heapq.heapify(items)
print(items, Item.calls)
print(_heapq.heappop(items), _heapq.heappushpop(items, Item(4)), Item.calls)



def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


t(_heapq.heappush, 1, 2)
t(_heapq.heappop, 1)
t(_heapq.heapify, (1, 2))
t(_heapq.heapreplace, 1, 2)
t(_heapq.heappushpop, 1, 2)
t(_heapq.heappop, [])
t(_heapq.heapreplace, [], 1)
t(_heapq._heappop_max, [])
t(_heapq.heappushpop, [], 5)
t(_heapq.heappush, [])
t(_heapq.heappush)
t(_heapq.heapify)
t(_heapq.heappop, [], [])
t(_heapq.heappush, heap=[], item=1)
t(_heapq.heappush, [1, "a"], 2)
t(_heapq.heapify, [3, "a", 1])


class Bad:
    def __lt__(self, other):
        hp.clear()
        return True


hp = [Bad(), Bad(), Bad()]
t(_heapq.heapify, hp)


class MyList(list):
    pass


ml = MyList([3, 1, 2])
_heapq.heapify(ml)
print(ml, type(ml).__name__)
