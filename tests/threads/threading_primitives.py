# threading: Thread start/join, names and daemon flags, Lock/RLock, Condition, Event, Semaphore,
# BoundedSemaphore, Barrier, local, excepthook, and the non-daemon join at exit.
import threading

lock = threading.Lock()
count = [0]
def work(n):
    for _ in range(n):
        with lock:
            count[0] += 1
ts = [threading.Thread(target=work, args=(5000,), name="w%d" % i) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("count", count[0], [t.name for t in ts], [t.is_alive() for t in ts], ts[0].daemon)
print(threading.current_thread().name, threading.main_thread() is threading.current_thread(),
      threading.active_count(), type(threading.get_ident()).__name__)

r = threading.RLock()
with r:
    with r:
        print("rlock", r._is_owned())

cond = threading.Condition()
items = []
def consumer(out):
    with cond:
        while not items:
            cond.wait()
        out.append(items.pop())
outs = []
cs = [threading.Thread(target=consumer, args=(outs,)) for _ in range(3)]
for c in cs:
    c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
for c in cs:
    c.join()
print("condition", sorted(outs))
with cond:
    print("wait_for", cond.wait_for(lambda: True, timeout=0.01), cond.wait(timeout=0.01))

ev = threading.Event()
seen = []
def waiter():
    seen.append(ev.wait(5))
ws = [threading.Thread(target=waiter) for _ in range(4)]
for w in ws:
    w.start()
ev.set()
for w in ws:
    w.join()
print("event", seen, ev.is_set(), threading.Event().wait(0.01))

sem = threading.Semaphore(2)
inside = [0]
peak = [0]
mu = threading.Lock()
def limited():
    with sem:
        with mu:
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
        for _ in range(1000):
            pass
        with mu:
            inside[0] -= 1
ls = [threading.Thread(target=limited) for _ in range(8)]
for t in ls:
    t.start()
for t in ls:
    t.join()
print("semaphore", peak[0] <= 2, inside[0])
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

barrier = threading.Barrier(4)
ids = []
def at_barrier():
    ids.append(barrier.wait())
bt = [threading.Thread(target=at_barrier) for _ in range(4)]
for t in bt:
    t.start()
for t in bt:
    t.join()
print("barrier", sorted(ids), barrier.n_waiting, barrier.broken)

data = threading.local()
data.v = "main"
res = []
def use_local(k):
    data.v = k
    res.append((k, data.v))
lt = [threading.Thread(target=use_local, args=(k,)) for k in range(4)]
for t in lt:
    t.start()
for t in lt:
    t.join()
print("local", sorted(res), data.v)

caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
threading.excepthook = hook
def fails():
    raise ValueError("bad thread")
t = threading.Thread(target=fails, name="failing")
t.start()
t.join()
print("excepthook", caught)
threading.excepthook = threading.__excepthook__

t = threading.Timer(0.01, lambda: print("timer fired"))
t.start()
t.join()

go = threading.Event()
def late():
    go.wait()
    print("non-daemon thread finished before exit")
threading.Thread(target=late).start()
d = threading.Thread(target=threading.Event().wait, daemon=True)
d.start()
print("main done", d.daemon)
go.set()
