# The scaling benchmark's workloads: `kernels.py KERNEL THREADS` runs THREADS threads, each doing the same
# fixed amount of KERNEL's work, so perfect scaling keeps the wall time constant as THREADS grows.
import sys
import threading

# Large enough that each kernel runs for a few hundred milliseconds in crabby on one thread: with 20-30 ms
# kernels, process start-up and thread creation weighed on the ratios as much as the work did.
WORK = 1000000


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def k_fib():
    return fib(27)


class Thing:
    def __init__(self, v):
        self.v = v

    def method(self, k):
        return self.v + k


SHARED = Thing(3)


def global_function(x):
    return x + 1


def k_method_calls():
    t = SHARED
    s = 0
    for i in range(WORK):
        s += t.method(i)
    return s


def k_global_calls():
    s = 0
    for i in range(WORK):
        s += global_function(i)
    return s


def k_object_creation():
    s = 0
    for i in range(WORK):
        s += Thing(i).v
    return s


def k_list_append():
    items = []
    for i in range(WORK):
        items.append(i)
    return len(items)


def k_dict_creation():
    s = 0
    for i in range(WORK // 2):
        d = {"a": i, "b": i + 1}
        s += len(d)
    return s


def k_closures():
    def outer(n):
        def inner(x):
            return x + n
        return inner

    s = 0
    for i in range(WORK // 2):
        s += outer(i)(1)
    return s


KERNELS = {name[2:]: f for name, f in list(globals().items()) if name.startswith("k_")}


def main():
    kernel = KERNELS[sys.argv[1]]
    n = int(sys.argv[2])
    results = [None] * n

    def work(slot):
        results[slot] = kernel()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sys.argv[1], n, results[0], len(set(results)))


main()
