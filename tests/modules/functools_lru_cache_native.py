# _functools._lru_cache_wrapper used directly (what functools.lru_cache returns): counts, eviction order, keys,
# binding, errors, and threads sharing one wrapper. Imports no Python module.
import _thread
from _functools import _lru_cache_wrapper as W


class Info(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))


def cached(maxsize=128, typed=False):
    return lambda f: W(f, maxsize, typed, Info)


calls = []


@cached(None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info(), len(calls), type(fib.cache_info()).__name__)
print(fib(30), fib.cache_info())
print(fib.cache_clear(), fib.cache_info())
print(fib(10), fib.cache_info())

log = []


@cached(3)
def sq(x):
    log.append(x)
    return x * x


for x in [1, 2, 3, 1, 4, 2, 5, 1, 3, 3, 4]:
    sq(x)
print(log, sq.cache_info())
log.clear()
for x in [3, 4, 1, 5, 2]:
    sq(x)
print(log, sq.cache_info())
sq.cache_clear()
log.clear()
for x in [9, 8, 9, 7, 6, 9, 8]:
    sq(x)
print(log, sq.cache_info())


@cached(0)
def ident(x):
    return x


print(ident([1]), ident([1]), ident.cache_info())
neg = W(lambda x: x, -5, False, Info)
print(neg(1), neg(1), neg.cache_info())
big = W(lambda x: x, 2**40, False, Info)
print(big(1), big(1), big.cache_info())
tr = W(lambda x: x, True, [], Info)
print(tr(1), tr(2), tr(1), tr.cache_info())


@cached(1)
def one(x):
    log.append(("one", x))
    return x


log.clear()
for x in [1, 1, 2, 1, 1]:
    one(x)
print(log, one.cache_info())


@cached(typed=True)
def t(x):
    return type(x).__name__


@cached()
def u(x):
    return type(x).__name__


print(t(3), t(3.0), t(True), t(3), t.cache_info())
print(u(3), u(3.0), u(True), u.cache_info())


@cached(None)
def kw(a, b=0, *, c=0):
    return (a, b, c)


print(kw(1), kw(1, 2), kw(1, b=2), kw(a=1, b=2), kw(b=2, a=1), kw(1, c=3), kw(1, 2), kw(a=1, b=2))
print(kw.cache_info())


@cached(None, True)
def kwt(a, b=0):
    return (a, b)


print(kwt(1, b=2), kwt(1, b=2.0), kwt(1.0, b=2), kwt(1, b=2), kwt.cache_info())


@cached(None)
def k1(x):
    return repr(x)


print(k1(5), k1(5.0), k1((5,)), k1("5"), k1(2**70), k1(2.0**70), k1(None), k1(()), k1.cache_info())


class IntSub(int):
    pass


class StrSub(str):
    pass


print(k1(IntSub(5)), k1(StrSub("5")), k1.cache_info())


@cached(None)
def h(*args, **kwargs):
    return len(args)


for bad in [([1],), ({},), ((1, [2]),)]:
    try:
        h(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    h(1, k=[1])
except TypeError as e:
    print("TypeError", e)
print(h.cache_info())


@cached(2)
def hb(x):
    return x


try:
    hb({1})
except TypeError as e:
    print("TypeError", e)
print(hb.cache_info())

attempts = []


@cached(2)
def flaky(x):
    attempts.append(x)
    if len(attempts) < 3:
        raise ValueError(f"try {len(attempts)}")
    return x


for _ in range(4):
    try:
        print(flaky(7))
    except ValueError as e:
        print("ValueError", e)
print(attempts, flaky.cache_info())


class Key:
    eqs = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v) % 3

    def __eq__(self, other):
        Key.eqs += 1
        return isinstance(other, Key) and self.v == other.v


@cached(2)
def kf(k):
    return k.v * 10


print([kf(Key(i)) for i in [1, 2, 1, 3, 4, 1, 2, 4]], kf.cache_info())


@cached(None)
def kfu(k):
    return k.v * 10


print([kfu(Key(i)) for i in [1, 2, 1, 3, 4, 1, 2, 4]], kfu.cache_info())


class BadHash:
    def __hash__(self):
        raise RuntimeError("no hash")


try:
    kf(BadHash())
except RuntimeError as e:
    print("RuntimeError", e)


class BadEq:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("no eq")


@cached(None)
def be(x):
    return 1


print(be(BadEq()))
try:
    be(BadEq())
except RuntimeError as e:
    print("RuntimeError", e)
print(be.cache_info())

w = W(len, 2, False, Info)
print(type(w).__name__, type(w).__module__, type(w).__qualname__, repr(type(w)))
print(repr(w).startswith("<functools._lru_cache_wrapper object at 0x"), w.__dict__)
w.__qualname__ = "q"
w.note = 1
print(w.__reduce__(), w.note, sorted(w.__dict__), w("abc"), w("abc"), w.cache_info())
print(w.__copy__() is w, w.__copy__(1, 2) is w, w.__deepcopy__({}) is w, w.__deepcopy__() is w)
w.__dict__ = {"z": 2}
print(w.z)
for bad in [
    lambda: w.cache_info(1),
    lambda: w.cache_clear(1),
    lambda: w.__copy__(a=1),
    lambda: w.__dict__.__class__(5) if False else setattr(w, "__dict__", 5),
    lambda: type(w)(),
    lambda: W(len, None),
    lambda: W(1, None, False, None),
    lambda: W(len, "x", False, None),
    lambda: W(len, 3.0, False, None),
    lambda: W(len, 2**100, False, None),
    lambda: W(len, None, False, None, 5),
    lambda: W(len, None, False, None).cache_info(),
    lambda: type(w).__get__(w, None, None),
    lambda: W(len, 1, False, Info)(),
]:
    try:
        print(bad())
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:

    class Sub(type(w)):
        pass

except TypeError as e:
    print("TypeError", e)
print(W(f=len, maxsize=None, typed=0, cache_info_type=Info) if False else W(user_function=len, maxsize=None, typed=0, cache_info_type=Info)("ab"))
print(sorted(k for k in type(w).__dict__ if not k.startswith("__") or k in ("__get__", "__call__", "__reduce__")))


class Point:
    def __init__(self, x):
        self.x = x

    @cached(4)
    def scaled(self, k):
        return self.x * k

    @classmethod
    @cached(None)
    def make(cls, x):
        return cls.__name__ + str(x)

    @staticmethod
    @cached(None)
    def st(x):
        return -x


p, q = Point(2), Point(3)
print(p.scaled(10), q.scaled(10), p.scaled(10), Point.scaled(q, 10), p.scaled(k=10))
print(Point.scaled.cache_info(), type(Point.scaled).__name__)
print(type(p.scaled).__name__, p.scaled.__self__ is p, p.scaled.__func__ is Point.__dict__["scaled"])
print(Point.make(1), Point.make(1), Point.st(4), Point.st(4), Point.st.cache_info())
d = Point.__dict__["scaled"]
print(type(d).__get__(d, None, Point) is d, type(d).__get__(d, p)(5), type(d).__call__(d, p, 5))


@cached(16)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


print(paths(40, 40), paths.cache_info())


@cached(None)
def upaths(r, c):
    if r == 0 or c == 0:
        return 1
    return upaths(r - 1, c) + upaths(r, c - 1)


print(upaths(100, 100), upaths.cache_info())

depth = [0]


@cached(4)
def reenter(x):
    depth[0] += 1
    if depth[0] < 3:
        reenter(x)
    return depth[0]


print(reenter(1), reenter(1), reenter.cache_info())


# A function that clears its own cache while being computed.
@cached(2)
def clears(x):
    if x == 3:
        clears.cache_clear()
    return x


print([clears(x) for x in [1, 2, 3, 1, 4, 3]], clears.cache_info())

# Threads sharing wrappers: results stay right and the totals add up.
N_THREADS = 4
CALLS = 3000


@cached(32)
def bounded(x):
    return x * x + 1


@cached(None)
def unbounded(x, y=0):
    return (x, y)


@cached(None)
def tfib(n):
    return n if n < 2 else tfib(n - 1) + tfib(n - 2)


errors = []
done = _thread.allocate_lock()
left = [N_THREADS]
done.acquire()
count_lock = _thread.allocate_lock()


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
                if tfib(200 + seed) != tfib(199 + seed) + tfib(198 + seed):
                    errors.append(("fib", seed))
            if seed == 1 and i % 700 == 0:
                bounded.cache_clear()
    except Exception as e:
        errors.append(repr(e))
    with count_lock:
        left[0] -= 1
        if left[0] == 0:
            done.release()


for k in range(N_THREADS):
    _thread.start_new_thread(work, (k + 1,))
done.acquire()
print("errors:", errors)
info = bounded.cache_info()
print(info[2], info[3] <= 32)
b = unbounded.cache_info()
print(b[0] + b[1] == N_THREADS * CALLS, b[3], b[1] >= b[3])
print(tfib(203), tfib.cache_info()[3])
