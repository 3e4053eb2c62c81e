# Attribute stores racing on one object (instance dict, slots, class attributes) never lose a store to another
# attribute, and a counter guarded by a lock counts exactly.
import _thread

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

class Obj:
    pass
o = Obj()
def setter(k):
    for i in range(M):
        setattr(o, "a%d_%d" % (k, i % 50), i)
        o.shared = k
run(setter)
print("instance", len(vars(o)), all(getattr(o, "a%d_%d" % (k, j)) == M - 50 + j for k in range(N) for j in range(50)),
      0 <= o.shared < N)

class Slotted:
    __slots__ = ("x", "y", "z")
s = Slotted()
def slot_setter(k):
    for i in range(M):
        s.x = k
        s.y = i
        if k == 0:
            s.z = i
run(slot_setter)
print("slots", 0 <= s.x < N, s.y == M - 1, s.z == M - 1)

class Cls:
    pass
def cls_setter(k):
    for i in range(M // 10):
        setattr(Cls, "c%d" % k, i)
        Cls.shared = k
run(cls_setter)
print("class", all(getattr(Cls, "c%d" % k) == M // 10 - 1 for k in range(N)), 0 <= Cls.shared < N)

class Counter:
    def __init__(self):
        self.n = 0
        self.lock = _thread.allocate_lock()
    def inc(self):
        with self.lock:
            self.n += 1
c = Counter()
def incr(k):
    for _ in range(M):
        c.inc()
run(incr)
print("counter", c.n)
