# Threads importing the same modules at once: each module body runs exactly once, and every importer sees the
# module complete (an import in progress on another thread is waited for, as in CPython).
import _thread
import sys

N = 8
mu = _thread.allocate_lock()
finished = [0]
seen = []

def worker(k):
    try:
        if k % 2:
            import slowmod
            mod = slowmod
        else:
            from slowmod import TABLE, READY
            mod = sys.modules["slowmod"]
        import slowmod2
        seen.append((mod.READY, len(mod.TABLE), slowmod2.DONE, slowmod2.BASE_READY))
    finally:
        with mu:
            finished[0] += 1

for k in range(N):
    _thread.start_new_thread(worker, (k,))
while True:
    with mu:
        if finished[0] == N:
            break
import slowmod
print(sorted(set(seen)), len(seen))
print("runs", slowmod.RUNS, sys.modules["slowmod2"].RUNS)
