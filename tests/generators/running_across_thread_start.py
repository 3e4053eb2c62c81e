# A generator resumed while only one thread runs, whose body starts a thread that tries to resume it: the new
# thread sees it running; generators handed between threads as they start and end keep their state.
import _thread


def run_in_thread(f):
    # Runs f on a new thread and waits for it to end.
    done = _thread.allocate_lock()
    done.acquire()

    def target():
        try:
            f()
        finally:
            done.release()

    _thread.start_new_thread(target, ())
    done.acquire()


def try_next(g, out):
    try:
        out.append(("value", next(g)))
    except ValueError as e:
        out.append(("error", str(e)))
    out.append(("running", g.gi_running))


def body():
    out = []
    run_in_thread(lambda: try_next(me[0], out))
    print("from the thread started inside the body:", out)
    yield 1
    out = []
    run_in_thread(lambda: try_next(me[0], out))
    print("second time:", out)
    yield 2
    yield 3


me = []
g = body()
me.append(g)
print(next(g), g.gi_running)
print(next(g), g.gi_running)
print(next(g), next(g, "done"))


# Suspended on one thread, resumed on another, then back on the main thread once that one ended.
def counter():
    n = 0
    while True:
        got = yield n
        n += 1 if got is None else got


c = counter()
print("main", next(c))
results = []
run_in_thread(lambda: results.append((next(c), c.send(10))))
print("thread", results)
print("main again", next(c), c.send(5), c.gi_running)


# A generator started in a thread and finished on the main thread, with its finally block.
def with_finally():
    try:
        yield "started in thread"
        yield "resumed in main"
    finally:
        print("finally ran")


w = with_finally()
first = []
run_in_thread(lambda: first.append(next(w)))
print(first, next(w))
w.close()
