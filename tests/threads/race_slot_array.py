# Threads racing on `__slots__` values (kept in a fixed per-instance array): a reader never sees a freed or
# torn value while another thread replaces or deletes the slot, and the last stores win.
import _thread

N = 6
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


class Box:
    __slots__ = ("n", "payload")

    def __init__(self, n):
        self.n = n
        self.payload = [n] * 4

    def check(self):
        return self.payload == [self.n] * 4


class Holder:
    __slots__ = ("a", "b", "maybe")


h = Holder()
h.a = Box(0)
h.b = Box(0)
bad = []
seen_missing = [0]


def worker(k):
    errors = 0
    missing = 0
    for i in range(M):
        if k % 2 == 0:
            # A new object each time: the replaced one is freed by whichever thread drops it last.
            b = Box(k * M + i)
            h.a = b
            h.b = b
            if i % 3 == 0:
                h.maybe = b
            elif i % 3 == 1:
                try:
                    del h.maybe
                except AttributeError:
                    pass
        else:
            for x in (h.a, h.b, Holder.a.__get__(h)):
                if not x.check():
                    errors += 1
            try:
                if not h.maybe.check():
                    errors += 1
            except AttributeError:
                missing += 1
    with mu:
        bad.append(errors)
        seen_missing[0] += missing


run(worker)
print("readers and writers", len(bad), sum(bad))
print(h.a.check(), h.b.check(), h.a.n % M == M - 1)

# Every thread stores its own slot of one shared object: no store is lost.
class Wide:
    __slots__ = tuple("s%d" % i for i in range(N))


w = Wide()


def own_slot(k):
    name = "s%d" % k
    for i in range(M):
        setattr(w, name, i)


run(own_slot)
print("own slots", [getattr(w, "s%d" % k) for k in range(N)])
