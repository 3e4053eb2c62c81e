# next() on an iterator or generator shared by racing threads is atomic: every item is delivered exactly once.
import _thread

N = 8
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

def drain(it, busy):
    results = [[] for _ in range(N)]
    def worker(k):
        mine = results[k]
        while True:
            try:
                mine.append(next(it))
            except StopIteration:
                return
            except ValueError as e:
                # A generator resumed while another thread runs it: CPython raises this too.
                busy.append(str(e))
    run(worker)
    return sorted(x for r in results for x in r)

K = 20000
for name, make in [("list", lambda: iter(list(range(K)))), ("range", lambda: iter(range(K))),
                   ("tuple", lambda: iter(tuple(range(K)))), ("dict", lambda: iter(dict.fromkeys(range(K)))),
                   ("map", lambda: map(lambda x: x, range(K))), ("enumerate", lambda: (i for i, _ in enumerate(range(K)))),
                   ("zip", lambda: (a for a, b in zip(range(K), range(K))))]:
    busy = []
    out = drain(make(), busy)
    print(name, len(out), out == list(range(K)), set(busy) <= {"generator already executing"})

def gen(n):
    for i in range(n):
        yield i
busy = []
out = drain(gen(K), busy)
print("generator", len(out), out == list(range(K)), set(busy) <= {"generator already executing"})
busy = []
out = drain((x * 2 for x in range(K)), busy)
print("genexpr", len(out), out == [x * 2 for x in range(K)], set(busy) <= {"generator already executing"})
