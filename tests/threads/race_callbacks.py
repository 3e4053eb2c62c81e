# No runtime lock is held while Python code runs: __eq__, __hash__, key functions and __repr__ that touch the
# very container being worked on (from the same thread or another) neither deadlock nor crash.
import _thread

class Key:
    def __init__(self, n, target):
        self.n = n
        self.target = target
    def __hash__(self):
        return self.n % 7
    def __eq__(self, other):
        # Reads (and on one side mutates) the dict being probed.
        len(self.target)
        self.target.get("x")
        return isinstance(other, Key) and self.n == other.n

d = {}
for i in range(50):
    d[Key(i, d)] = i
print("dict", len(d), d[Key(13, d)], Key(99, d) in d)

class Mut:
    def __init__(self, n, lst):
        self.n = n
        self.lst = lst
    def __eq__(self, other):
        if len(self.lst) < 100:
            self.lst.append(Mut(-1, self.lst))
        return isinstance(other, Mut) and self.n == other.n
lst = []
lst.extend(Mut(i, lst) for i in range(10))
print("list", lst.count(Mut(3, lst)), Mut(5, lst) in lst, lst.index(Mut(7, lst)), len(lst) >= 10)

s = set()
class SKey(Key):
    __hash__ = Key.__hash__
    def __eq__(self, other):
        len(s)
        s.copy()
        return isinstance(other, Key) and self.n == other.n
for i in range(40):
    s.add(SKey(i, None))
print("set", len(s), SKey(5, None) in s)

data = list(range(200, 0, -1))
def key(x):
    # The list being sorted appears empty while sort runs, as in CPython.
    assert len(data) == 0, len(data)
    return x
data.sort(key=key)
print("sort", data[:5])
try:
    data.sort(key=lambda x: data.append(1) or x)
except ValueError as e:
    print("ValueError:", e)

class R:
    def __init__(self, box):
        self.box = box
    def __repr__(self):
        return "R(%s)" % len(repr(self.box))
box = [1]
box.append(R(box))
box.append(box)
print(repr(box))
d2 = {"self": None}
d2["self"] = d2
print(repr(d2))

# Threads doing the same recursive reprs at once: each thread's recursion guard is its own.
mu = _thread.allocate_lock()
outs = []
finished = [0]
def worker(k):
    mine = []
    for _ in range(300):
        mine.append(repr(box))
        mine.append(repr(d2))
    with mu:
        outs.append(len(set(mine)))
        finished[0] += 1
for k in range(6):
    _thread.start_new_thread(worker, (k,))
while True:
    with mu:
        if finished[0] == 6:
            break
print("threads", outs)

# Sorting racing with other threads appending to and removing from the same list never crashes, and no
# original item is lost.
shared = list(range(1000))
errs = []
finished[0] = 0
def sorter(k):
    try:
        for _ in range(30):
            try:
                if k == 0:
                    shared.sort(key=lambda x: -x)
                else:
                    shared.append(1000.5 + k)
                    shared.remove(1000.5 + k)
            except ValueError as e:
                errs.append(str(e))
    finally:
        with mu:
            finished[0] += 1
for k in range(4):
    _thread.start_new_thread(sorter, (k,))
while True:
    with mu:
        if finished[0] == 4:
            break
print("sort race", set(range(1000)) <= set(shared), all(x < 1000 or x - 1000.5 in (1, 2, 3) for x in shared),
      set(errs) <= {"list modified during sort", "list.remove(x): x not in list"})
