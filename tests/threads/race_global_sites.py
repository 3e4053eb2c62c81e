# Readers load globals bound to counted objects (lists, instances) through the per-site cache while writers
# rebind them to fresh objects and delete and re-create them: a read never sees a freed or foreign object.
import threading

N_READERS = 3
N_WRITERS = 2
ROUNDS = 4000


class Box:
    def __init__(self, tag, n):
        self.tag = tag
        self.parts = [tag] * n

    def ok(self, tag):
        return self.tag == tag and self.parts == [tag] * len(self.parts)


items = [0, 0, 0]
box = Box("box", 3)
maybe = Box("maybe", 1)
bad = []
reads = [0] * N_READERS
start = threading.Barrier(N_READERS + N_WRITERS)


def writer(w):
    global items, box, maybe
    start.wait()
    for r in range(ROUNDS):
        items = [r, r, r]
        box = Box("box", r % 5 + 1)
        if r % 3 == w:
            try:
                del maybe
            except NameError:
                pass
        else:
            maybe = Box("maybe", r % 4 + 1)


def read_items():
    x = items
    return len(x) == 3 and x[0] == x[1] == x[2]


def read_box():
    return box.ok("box")


def read_maybe():
    try:
        return maybe.ok("maybe")
    except NameError:
        return True


def reader(n):
    start.wait()
    for _ in range(ROUNDS):
        if not read_items():
            bad.append(("items", items))
        if not read_box():
            bad.append(("box", box.tag))
        if not read_maybe():
            bad.append(("maybe",))
        reads[n] += 1


threads = [threading.Thread(target=writer, args=(w,)) for w in range(N_WRITERS)]
threads += [threading.Thread(target=reader, args=(n,)) for n in range(N_READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("bad:", bad[:5])
print("reads:", reads)
print(items[0] == items[1] == items[2], box.ok("box"))
