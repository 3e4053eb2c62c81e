# Racing threads on shared containers: every single operation CPython makes atomic stays atomic (no lost
# update, no duplicate, no torn value), checked by exact counts.
import _thread
from _collections import deque

N = 8
M = 3000
mu = _thread.allocate_lock()
finished = [0]

def run(worker):
    finished[0] = 0
    def wrap(k):
        try:
            worker(k)
        finally:
            with mu:
                finished[0] += 1
    for k in range(N):
        _thread.start_new_thread(wrap, (k,))
    while True:
        with mu:
            if finished[0] == N:
                return

# list.append and list.pop
lst = []
def appender(k):
    for i in range(M):
        lst.append((k, i))
run(appender)
print("append", len(lst), len(set(lst)))
popped = [[] for _ in range(N)]
def popper(k):
    mine = popped[k]
    while True:
        try:
            mine.append(lst.pop())
        except IndexError:
            return
run(popper)
allp = [x for p in popped for x in p]
print("pop", len(allp), len(set(allp)), len(lst))

# dict[k] = v on disjoint and on shared keys, dict.setdefault racing on the same keys
d = {}
def setter(k):
    for i in range(M):
        d[(k, i)] = i
        d[i] = k
run(setter)
print("dict", len(d), all(d[(k, i)] == i for k in range(N) for i in range(M)), all(0 <= d[i] < N for i in range(M)))
winners = {}
sd = {}
def setdefaulter(k):
    got = []
    for i in range(M):
        got.append(sd.setdefault(i, k))
    with mu:
        winners[k] = got
run(setdefaulter)
# Every thread saw the same winner for each key: the one stored.
print("setdefault", len(sd), all(winners[k][i] == sd[i] for k in range(N) for i in range(M)))

# set.add and set.discard
s = set()
def adder(k):
    for i in range(M):
        s.add(i * N + k)
        s.add(i)
run(adder)
print("set", len(s))
def discarder(k):
    for i in range(M):
        s.discard(i * N + k)
run(discarder)
print("set after discard", len(s), sorted(s)[:3])

# deque.append and deque.popleft as a queue: every item comes out exactly once
q = deque()
got = [0] * N
total = [0]
def producer_consumer(k):
    if k % 2 == 0:
        for i in range(M):
            q.append(i)
    else:
        n = 0
        t = 0
        while n < M:
            try:
                t += q.popleft()
                n += 1
            except IndexError:
                pass
        with mu:
            total[0] += t
            got[k] = n
run(producer_consumer)
print("deque", sum(got), total[0] == (N // 2) * sum(range(M)), len(q))

# += on a shared list under a lock, and list.extend racing
big = []
def extender(k):
    for i in range(M // 10):
        big.extend([k] * 10)
run(extender)
print("extend", len(big), [big.count(k) for k in range(N)])
