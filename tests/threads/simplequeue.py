# queue.SimpleQueue (the native _queue module): FIFO order, get with block/timeout, Empty, qsize/empty, and 4
# producer threads feeding 4 consumers without losing or duplicating an item.
import queue
import threading
import time

q = queue.SimpleQueue()
print(type(q).__name__, type(q).__module__, queue.Empty.__module__, queue.Empty.__mro__, queue.SimpleQueue[int])
for i in range(5):
    q.put(i)
q.put_nowait('x')
q.put(None, block=False, timeout=1)
print(q.qsize(), q.empty(), [q.get() for _ in range(6)], q.get_nowait(), q.empty(), q.qsize())
for call in (lambda: q.get_nowait(), lambda: q.get(False), lambda: q.get(timeout=0.05), lambda: q.get(True, 0)):
    t0 = time.monotonic()
    try:
        call()
    except queue.Empty as e:
        print("Empty", repr(e), time.monotonic() - t0 < 2)
for bad in (lambda: q.get(timeout=-1), lambda: q.get(timeout='x'), lambda: queue.SimpleQueue(1), lambda: q.put()):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def later():
    time.sleep(0.05)
    q.put('late')


threading.Thread(target=later).start()
print(q.get(timeout=5))

N = 2000
out = []
mu = threading.Lock()


def producer(k):
    for i in range(N):
        q.put(k * N + i)


def consumer():
    got = []
    while True:
        x = q.get()
        if x is None:
            break
        got.append(x)
    with mu:
        out.extend(got)


cs = [threading.Thread(target=consumer) for _ in range(4)]
ps = [threading.Thread(target=producer, args=(k,)) for k in range(4)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
print(len(out), sorted(out) == list(range(4 * N)), q.empty())
