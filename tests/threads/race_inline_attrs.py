# Threads storing, reading and materialising the inline attributes of shared instances at once: no store is
# lost, no read sees a value that was never stored, and the layout stays consistent.
import threading

N = 4
ROUNDS = 20000


class Box:
    pass


shared = Box()
shared.common = 0
bad = []


def worker(t):
    name = "own%d" % t
    for i in range(ROUNDS):
        setattr(shared, name, i)
        shared.common = (t, i)
        c = shared.common
        if type(c) is not tuple or len(c) != 2:
            bad.append(c)
        if getattr(shared, name) != i:
            bad.append((name, i))
        if i == ROUNDS // 2 and t == 0:
            # Materialise the dict while the others are storing.
            shared.__dict__["from_dict"] = True


def fresh(t, out):
    # Many new instances per thread: each thread learns and extends the same class layout.
    made = []
    for i in range(2000):
        b = Box()
        if (i + t) % 2:
            b.x = i
            b.y = t
        else:
            b.y = t
            b.x = i
        made.append(b)
    out[t] = sum(b.x for b in made), sum(b.y for b in made), sorted({tuple(vars(b)) for b in made})


threads = [threading.Thread(target=worker, args=(t,)) for t in range(N)]
out = {}
threads += [threading.Thread(target=fresh, args=(t, out)) for t in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print("bad", bad)
print(sorted((k, v) for k, v in vars(shared).items() if k != "common"))
print(shared.common[1], shared.from_dict)
for t in range(N):
    print(t, out[t])
