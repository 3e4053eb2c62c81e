# _thread: racing threads with locks, lock and RLock semantics and their error messages.
import _thread

lock = _thread.allocate_lock()
done = _thread.allocate_lock()
counter = [0]
shared = []
N = 4
finished = [0]

def work(k):
    for i in range(20000):
        with lock:
            counter[0] += 1
        shared.append(i)
    with lock:
        finished[0] += 1

for k in range(N):
    _thread.start_new_thread(work, (k,))
while True:
    with lock:
        if finished[0] == N:
            break
    pass
print(counter[0], len(shared))
print(lock.acquire(False), lock.locked(), lock.acquire(False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned())
r.release(); r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
print(lock.acquire(timeout=0.01), lock.acquire(timeout=0.01))

def gen():
    yield 1
    yield 2
g = gen()
errs = []
def racer():
    try:
        for _ in range(1000):
            try:
                next(g)
            except StopIteration:
                pass
    except ValueError as e:
        errs.append(str(e))
print(type(_thread.get_ident()).__name__, _thread.TIMEOUT_MAX > 1e6)
