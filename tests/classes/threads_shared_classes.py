# Threads calling methods and reading attributes of shared classes while another thread redefines them:
# every call sees one definition or the other (the lookup caches never serve a torn or freed entry).
import _thread


class Shared:
    value = 0

    def get(self):
        return "one"


def one(self):
    return "one"


def two(self):
    return "two"


class Child(Shared):
    pass


lock = _thread.allocate_lock()
results = []
state = {"stop": False, "writer_done": False}
N = 4


def reader(n):
    seen = set()
    objs = [Shared(), Child()]
    for i in range(n):
        o = objs[i % 2]
        seen.add(o.get())
        seen.add(type(o.value).__name__)
        o.own = i
        seen.add(o.own == i)
    with lock:
        results.append(seen)


def writer():
    i = 0
    while True:
        with lock:
            if state["stop"]:
                break
        Shared.get = two if i % 2 else one
        Shared.value = i if i % 3 else str(i)
        i += 1
    with lock:
        state["writer_done"] = True


_thread.start_new_thread(writer, ())
for k in range(N):
    _thread.start_new_thread(reader, (20000,))
while True:
    with lock:
        if len(results) == N:
            state["stop"] = True
        if state["writer_done"]:
            break
allowed = {"one", "two", "int", "str", True}
print(len(results), all(r <= allowed for r in results), all(True in r for r in results))
