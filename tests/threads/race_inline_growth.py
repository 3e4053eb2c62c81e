# Threads adding attributes to shared instances (past the number kept in the object itself) while other
# threads read and replace them: every read sees a stored value, and the final values are the last writes.
import threading


class Box:
    def __init__(self):
        self.a0 = 0


boxes = [Box() for _ in range(20)]
N = 12
errors = []


def grower(k):
    for b in boxes:
        for i in range(1, N):
            setattr(b, "a%d" % i, (k, i))


def reader():
    for _ in range(30):
        for b in boxes:
            for i in range(N):
                v = getattr(b, "a%d" % i, None)
                if not (v is None or (i == 0 and isinstance(v, int)) or (isinstance(v, tuple) and v[1] == i)):
                    errors.append(v)


def replacer():
    for r in range(200):
        for b in boxes:
            b.a0 = r


threads = [threading.Thread(target=grower, args=(k,)) for k in range(2)]
threads += [threading.Thread(target=reader) for _ in range(2)]
threads.append(threading.Thread(target=replacer))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors", errors[:3])
print(sorted({b.a0 for b in boxes}))
print(all(list(vars(b)) == ["a%d" % i for i in range(N)] for b in boxes))
print(sorted({getattr(b, "a%d" % (N - 1))[1] for b in boxes}))
