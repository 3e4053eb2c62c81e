# itertools: iterators shared by racing threads never hand out an item twice or lose one.
import _thread
import itertools

N = 4
PER = 5000
lock = _thread.allocate_lock()
finished = [0]


def run(work):
    finished[0] = 0
    for k in range(N):
        _thread.start_new_thread(work, (k,))
    while True:
        with lock:
            if finished[0] == N:
                return


def drain(shared, out):
    def work(k):
        got = []
        for x in shared:
            got.append(x)
            if len(got) == PER:
                break
        with lock:
            out.extend(got)
            finished[0] += 1
    return work


out = []
run(drain(itertools.count(), out))
print("count", len(out), len(set(out)), max(out) == len(out) - 1)

out = []
run(drain(itertools.chain(range(N * PER // 2), range(N * PER // 2, N * PER)), out))
print("chain", len(out), sorted(out) == list(range(N * PER)))

out = []
run(drain(itertools.islice(range(10 ** 9), N * PER), out))
print("islice", len(out), len(set(out)))

out = []
run(drain(itertools.repeat("r", N * PER - 7), out))
print("repeat", len(out))

out = []
run(drain(itertools.product(range(100), range(200)), out))
print("product", len(out), len(set(out)))

out = []
run(drain(itertools.combinations(range(40), 3), out))
print("combinations", len(out), len(set(out)))

out = []
run(drain(itertools.accumulate(itertools.repeat(1, N * PER)), out))
print("accumulate", len(out), sorted(out) == list(range(1, N * PER + 1)))
