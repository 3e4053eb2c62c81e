# _thread._local: per-thread attributes, subclassing with __init__ arguments, errors.
import _thread

done = _thread.allocate_lock()
results = {}
mu = _thread.allocate_lock()

loc = _thread._local()
loc.x = "main"
print(type(loc).__name__, type(loc).__module__, loc.x, loc.__dict__)

class Counter(_thread._local):
    inits = []
    def __init__(self, start, step=1):
        self.value = start
        self.step = step
        with mu:
            Counter.inits.append(start)
    def bump(self):
        self.value += self.step
        return self.value

c = Counter(10, step=5)
print(c.bump(), c.value, sorted(c.__dict__))

N = 6
finished = [0]

def worker(k):
    try:
        loc.x
    except AttributeError as e:
        seen = "AttributeError: " + str(e)
    else:
        seen = "leaked"
    loc.x = k
    for _ in range(1000):
        loc.x = loc.x + 1
    vals = []
    for _ in range(k + 1):
        vals.append(c.bump())
    with mu:
        results[k] = (seen, loc.x, vals[-1], c.value)
        finished[0] += 1

for k in range(N):
    _thread.start_new_thread(worker, (k,))
while True:
    with mu:
        if finished[0] == N:
            break
for k in sorted(results):
    print(k, results[k])
print("main still", loc.x, c.value, len(Counter.inits), sorted(Counter.inits))

try:
    _thread._local(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)
del loc.x
try:
    del loc.x
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(loc, "x"), getattr(loc, "y", "default"))

class WithProp(_thread._local):
    @property
    def double(self):
        return self.n * 2
    @double.setter
    def double(self, v):
        self.n = v // 2
w = WithProp()
w.n = 4
print(w.double)
w.double = 20
print(w.n, w.__dict__)

class Bad(_thread._local):
    def __init__(self):
        raise ValueError("no init here")
try:
    Bad()
except ValueError as e:
    print("ValueError:", e)
