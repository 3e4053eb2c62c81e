# Readers racing writers on the same dicts: lookups never see a freed, torn or foreign value.
# Writers replace values with fresh objects, delete and re-insert keys, clear the dict and grow it (so its
# table is rebuilt under the readers); readers check that every value they get belongs to its key.
import threading

N_READERS = 4
N_WRITERS = 2
ROUNDS = 3000

class Box:
    def __init__(self, key, gen):
        self.key = key
        self.gen = gen
        self.parts = [key, key, key]

    def ok(self, key):
        return self.key == key and self.parts == [key, key, key]

keys = ["k%d" % i for i in range(12)] + list(range(100, 112)) + [("t", i) for i in range(4)]
shared = {k: Box(k, 0) for k in keys}
# Cleared and refilled by one writer; only read by the others.
cleared = {k: Box(k, 0) for k in keys}
holder = Box("holder", 0)
bad = []
reads = [0] * N_READERS
start = threading.Barrier(N_READERS + N_WRITERS)

def writer(w):
    start.wait()
    for r in range(ROUNDS):
        k = keys[(r * 7 + w) % len(keys)]
        shared[k] = Box(k, r)
        if r % 5 == 0:
            shared.pop(k, None)
            shared[k] = Box(k, r)
        if r % 97 == 0:
            # Grow the table (a rebuild), then shrink it back.
            for i in range(40):
                shared[("extra", w, i)] = Box(("extra", w, i), r)
            for i in range(40):
                del shared[("extra", w, i)]
        if r % 199 == 0 and w == 0:
            saved = dict(cleared)
            cleared.clear()
            cleared.update(saved)
        holder.parts = [r, r, r]
        holder.key = "holder"

def reader(n):
    start.wait()
    count = 0
    for r in range(ROUNDS * 3):
        k = keys[(r * 5 + n) % len(keys)]
        v = shared.get(k)
        if v is not None:
            if not v.ok(k):
                bad.append((k, v.key))
            count += 1
        v = cleared.get(k)
        if v is not None and not v.ok(k):
            bad.append((k, v.key))
        try:
            v = shared[k]
            if not v.ok(k):
                bad.append((k, v.key))
        except KeyError:
            pass
        p = holder.parts
        if len(p) != 3 or p[0] != p[2]:
            bad.append(("holder", p))
    reads[n] = count

threads = [threading.Thread(target=writer, args=(w,)) for w in range(N_WRITERS)]
threads += [threading.Thread(target=reader, args=(n,)) for n in range(N_READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("inconsistent reads:", bad[:5])
print("every reader read:", all(c > 0 for c in reads))
print("keys:", sorted(map(repr, shared)) == sorted(map(repr, keys)))
print("values match keys:", all(v.ok(k) for k, v in shared.items()))
print("cleared dict refilled:", sorted(map(repr, cleared)) == sorted(map(repr, keys)))
