# queue: Queue producers/consumers with task_done/join, LifoQueue, PriorityQueue, SimpleQueue, Empty/Full.
import queue
import threading

q = queue.Queue(maxsize=10)
total = [0]
mu = threading.Lock()
def producer(k):
    for i in range(500):
        q.put(i)
def consumer():
    while True:
        x = q.get()
        if x is None:
            q.task_done()
            return
        with mu:
            total[0] += x
        q.task_done()
ps = [threading.Thread(target=producer, args=(k,)) for k in range(4)]
cs = [threading.Thread(target=consumer) for _ in range(4)]
for t in ps + cs:
    t.start()
for t in ps:
    t.join()
q.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
print("queue", total[0], 4 * sum(range(500)), q.empty(), q.qsize())

lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print("lifo", [lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    pq.put(x)
print("priority", [pq.get() for _ in range(5)])
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("Empty")
fq = queue.Queue(1)
fq.put(1)
try:
    fq.put(2, timeout=0.01)
except queue.Full:
    print("Full")

sq = queue.SimpleQueue()
got = []
def sq_consumer():
    while True:
        x = sq.get()
        if x is None:
            return
        with mu:
            got.append(x)
sc = [threading.Thread(target=sq_consumer) for _ in range(4)]
for t in sc:
    t.start()
for i in range(2000):
    sq.put(i)
for _ in sc:
    sq.put(None)
for t in sc:
    t.join()
print("simple", len(got), sorted(got) == list(range(2000)), sq.empty(), type(sq).__name__)
