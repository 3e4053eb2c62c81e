# Throughput of 1, 2 and 4 threads on shared read-mostly objects (see ARCHITECTURE.md, Memory model).
# `crabby build tools/bench/threads_shared_reads.py -o bench_bin`, then `./bench_bin` for a table, or
# `/usr/bin/time -f "%U+%S" ./bench_bin WORK THREADS` (WORK: call_global, read_class_attr, read_dict) for CPU time.
import _thread
import sys
import time

def f(x):
    return x

class C:
    attr = 7

D = {"a": 1, "b": 2, "c": 3}
ITER = 2000000

def call_global(n):
    for i in range(n):
        f(i)

def read_class_attr(n):
    c = C
    for i in range(n):
        c.attr

def read_dict(n):
    d = D
    for i in range(n):
        d["b"]

def measure(work, threads):
    mu = _thread.allocate_lock()
    done = [0]
    def wrap():
        work(ITER)
        with mu:
            done[0] += 1
    t0 = time.perf_counter()
    for _ in range(threads):
        _thread.start_new_thread(wrap, ())
    while True:
        with mu:
            if done[0] == threads:
                break
        time.sleep(0.0005)
    return time.perf_counter() - t0

WORKS = {"call_global": call_global, "read_class_attr": read_class_attr, "read_dict": read_dict}
if len(sys.argv) == 3:
    # One measurement, for timing the whole process's CPU time from outside.
    print(sys.argv[1], sys.argv[2], "%.3fs" % measure(WORKS[sys.argv[1]], int(sys.argv[2])))
else:
    for work in (call_global, read_class_attr, read_dict):
        line = []
        for threads in (1, 2, 4):
            dt = measure(work, threads)
            line.append("%d thr: %.1f Mops/s total (%.3fs)" % (threads, threads * ITER / dt / 1e6, dt))
        print("%-16s" % work.__name__, " | ".join(line))
