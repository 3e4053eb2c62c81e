# OrderedDicts used from threads: private LRU caches per thread, and a shared one under a lock.
import threading
from collections import OrderedDict

shared = OrderedDict()
lock = threading.Lock()
results = {}


def worker(tid):
    own = OrderedDict()
    total = 0
    for i in range(3000):
        k = (i * 31 + tid) % 97
        if k in own:
            own.move_to_end(k, last=(i % 5 != 0))
            total += own[k]
        else:
            own[k] = i
            if len(own) > 40:
                total += own.popitem(last=False)[1]
        with lock:
            shared[(tid, i % 13)] = i
            shared.move_to_end((tid, i % 13), last=(i % 2 == 0))
            if len(shared) > 30:
                shared.popitem(last=(i % 3 == 0))
    results[tid] = (total, list(own)[:5], len(own))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for tid in sorted(results):
    print(tid, results[tid])
print(len(shared) <= 31, all(isinstance(k, tuple) for k in shared))
