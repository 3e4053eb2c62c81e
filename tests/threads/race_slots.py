# One thread drops the last reference to an object while others read the same slot (list item, dict value,
# attribute, global, closure cell, class attribute): readers always see a whole, live object.
import _thread

N = 6
M = 4000
mu = _thread.allocate_lock()
finished = [0]

def run(worker):
    finished[0] = 0
    def wrap(k):
        try:
            worker(k)
        finally:
            with mu:
                finished[0] += 1
    for k in range(N):
        _thread.start_new_thread(wrap, (k,))
    while True:
        with mu:
            if finished[0] == N:
                return

class Box:
    def __init__(self, n):
        self.n = n
        self.payload = [n] * 4
    def check(self):
        return self.payload == [self.n] * 4

def fresh(k, i):
    # A new object each time, so the old one is freed by whichever thread drops it last.
    return Box(k * M + i)

shared_list = [fresh(0, 0)]
shared_dict = {"v": fresh(0, 0)}
class Holder:
    attr = fresh(0, 0)
inst = Holder()
inst.value = fresh(0, 0)
glob = fresh(0, 0)

def make_cell():
    cell = fresh(0, 0)
    def read():
        return cell
    def write(v):
        nonlocal cell
        cell = v
    return read, write
read_cell, write_cell = make_cell()

bad = []
def worker(k):
    global glob
    errors = 0
    for i in range(M):
        if k % 2 == 0:
            b = fresh(k, i)
            shared_list[0] = b
            shared_dict["v"] = b
            Holder.attr = b
            inst.value = b
            glob = b
            write_cell(b)
        else:
            for x in (shared_list[0], shared_dict["v"], Holder.attr, inst.value, glob, read_cell(),
                      inst.attr):
                if not x.check():
                    errors += 1
    with mu:
        bad.append(errors)
run(worker)
print("slots", len(bad), sum(bad))
print(all(x.check() for x in (shared_list[0], shared_dict["v"], Holder.attr, inst.value, glob, read_cell())))

# Replacing a whole container that others iterate: they see the old or the new one, complete.
table = {i: i for i in range(100)}
sums = []
def swapper(k):
    global table
    local = []
    for i in range(M // 4):
        if k == 0:
            table = {j: j for j in range(100)}
        else:
            local.append(sum(table.values()))
    with mu:
        sums.extend(local)
run(swapper)
print("swap", set(sums) <= {4950}, len(sums) == (N - 1) * (M // 4))
