# Threads hammering lru_cache wrappers: results stay right and the counts add up (a key may be computed
# twice when two threads miss it at once, as with CPython's C wrapper, so only totals are checked).
import threading
from functools import lru_cache

N_THREADS = 4
CALLS = 3000


@lru_cache(maxsize=32)
def bounded(x):
    return x * x + 1


@lru_cache(maxsize=None)
def unbounded(x, y=0):
    return (x, y)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


errors = []


def work(seed):
    s = seed
    try:
        for i in range(CALLS):
            s = (s * 1103515245 + 12345) % 2147483648
            x = (s >> 16) % 50
            if bounded(x) != x * x + 1:
                errors.append(("bounded", x))
            if unbounded(x, y=i % 3) != (x, i % 3):
                errors.append(("unbounded", x))
            if i % 500 == 0:
                bounded.cache_info()
                if fib(200 + seed) != fib(199 + seed) + fib(198 + seed):
                    errors.append(("fib", seed))
            if seed == 1 and i % 700 == 0:
                bounded.cache_clear()
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=work, args=(k + 1,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors:", errors)
info = bounded.cache_info()
print(info.maxsize, info.currsize <= 32)
u = unbounded.cache_info()
print(u.hits + u.misses == N_THREADS * CALLS, u.currsize, u.misses >= u.currsize)
print(fib(203), fib.cache_info().currsize)
