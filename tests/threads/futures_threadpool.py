# concurrent.futures: ThreadPoolExecutor map/submit/as_completed/wait, exceptions, results, shutdown.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_EXCEPTION
import threading

def square(x):
    return x * x

with ThreadPoolExecutor(max_workers=4) as ex:
    print("map", list(ex.map(square, range(20))))
    futs = [ex.submit(square, i) for i in range(10)]
    print("as_completed", sorted(f.result() for f in as_completed(futs)))
    def boom(x):
        raise KeyError(x)
    f = ex.submit(boom, 3)
    try:
        f.result()
    except KeyError as e:
        print("KeyError", e, type(f.exception()).__name__, f.done())
    done, not_done = wait([ex.submit(square, 3), ex.submit(boom, 1)], return_when=FIRST_EXCEPTION)
    print("wait", len(done) + len(not_done))

counter = [0]
mu = threading.Lock()
def bump(n):
    for _ in range(n):
        with mu:
            counter[0] += 1
    return threading.current_thread().name.startswith("pool")
with ThreadPoolExecutor(max_workers=8, thread_name_prefix="pool") as ex:
    names = list(ex.map(bump, [1000] * 16))
print("counter", counter[0], all(names))
ex = ThreadPoolExecutor(2)
ex.shutdown()
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
