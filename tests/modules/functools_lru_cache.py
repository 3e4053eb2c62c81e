# functools.lru_cache with the native _functools._lru_cache_wrapper: counts, eviction order, keys, binding.
import copy
import functools
import pickle
from functools import lru_cache

calls = []


@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info(), len(calls))
print(fib(30), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
print(fib(10), fib.cache_info())

# Bounded: the least recently used key is evicted; a hit makes a key the most recent.
log = []


@lru_cache(maxsize=3)
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

# maxsize=0: nothing stored, every call a miss, unhashable arguments accepted.
@lru_cache(maxsize=0)
def ident(x):
    return x


print(ident([1]), ident([1]), ident.cache_info())

# Negative maxsize means 0; maxsize=1 keeps one result.
@lru_cache(maxsize=-5)
def neg(x):
    return x


neg(1), neg(1)
print(neg.cache_info(), neg.cache_parameters())


@lru_cache(maxsize=1)
def one(x):
    log.append(("one", x))
    return x


log.clear()
for x in [1, 1, 2, 1, 1]:
    one(x)
print(log, one.cache_info())

# typed: 3 and 3.0 are different calls; untyped they share an entry.
@lru_cache(typed=True)
def t(x):
    return type(x).__name__


@lru_cache()
def u(x):
    return type(x).__name__


print(t(3), t(3.0), t(True), t.cache_info())
print(u(3), u(3.0), u(True), u.cache_info())
print(t.cache_parameters(), u.cache_parameters())

# Keyword arguments are part of the key, in the order given.
@lru_cache(maxsize=None)
def kw(a, b=0, *, c=0):
    return (a, b, c)


print(kw(1), kw(1, 2), kw(1, b=2), kw(a=1, b=2), kw(b=2, a=1), kw(1, c=3), kw(1, 2), kw(a=1, b=2))
print(kw.cache_info())

@lru_cache(maxsize=None, typed=True)
def kwt(a, b=0):
    return (a, b)


print(kwt(1, b=2), kwt(1, b=2.0), kwt(1.0, b=2), kwt(1, b=2), kwt.cache_info())

# A one-argument exact int or str key, and equal keys of different kinds.
@lru_cache(maxsize=None)
def k1(x):
    return repr(x)


print(k1(5), k1(5.0), k1((5,)), k1("5"), k1(2 ** 70), k1(2.0 ** 70), k1.cache_info())


class IntSub(int):
    pass


print(k1(IntSub(5)), k1.cache_info())

# Unhashable arguments raise the TypeError of hashing them; nothing is counted.
@lru_cache(maxsize=None)
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


@lru_cache(maxsize=2)
def hb(x):
    return x


try:
    hb({1})
except TypeError as e:
    print("TypeError", e)
print(hb.cache_info())

# Exceptions from the function are not cached.
attempts = []


@lru_cache(maxsize=2)
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

# Keys with Python __hash__/__eq__.
class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v) % 3

    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v


@lru_cache(maxsize=2)
def kf(k):
    return k.v * 10


print([kf(Key(i)) for i in [1, 2, 1, 3, 4, 1, 2]], kf.cache_info())


class BadHash:
    def __hash__(self):
        raise RuntimeError("no hash")


try:
    kf(BadHash())
except RuntimeError as e:
    print("RuntimeError", e)

# Wrapper attributes from update_wrapper, a __dict__, pickling and copying.
def documented(a, b):
    """Adds."""
    return a + b


documented.extra = "x"
w = lru_cache(documented)
print(w.__name__, w.__qualname__, w.__doc__, w.__module__, w.__wrapped__ is documented, w.extra)
print(sorted(w.__dict__), type(w).__name__, type(w).__module__)
print(repr(w).startswith("<functools._lru_cache_wrapper object at 0x"))
print(w(1, 2), w(1, 2), w.cache_info())
print(copy.copy(w) is w, copy.deepcopy(w) is w, w.__reduce__())
print(pickle.loads(pickle.dumps(fib)) is fib)
w.note = 1
print(w.note, w.__dict__["note"])
try:
    w.cache_info(1)
except TypeError as e:
    print("TypeError", e)
try:
    w.cache_clear(1)
except TypeError as e:
    print("TypeError", e)
try:
    type(w)()
except TypeError as e:
    print("TypeError", e)
try:
    class Sub(type(w)):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    functools._lru_cache_wrapper(1, None, False, None)
except TypeError as e:
    print("TypeError", e)
try:
    functools._lru_cache_wrapper(len, "x", False, None)
except TypeError as e:
    print("TypeError", e)
try:
    functools._lru_cache_wrapper(len, 2 ** 100, False, None)
except OverflowError as e:
    print("OverflowError", e)
try:
    lru_cache(maxsize="x")
except TypeError as e:
    print("TypeError", e)

# As a method decorator: binds like a function, one cache shared by the instances.
class Point:
    def __init__(self, x):
        self.x = x

    @lru_cache(maxsize=4)
    def scaled(self, k):
        return self.x * k

    @classmethod
    @lru_cache(maxsize=None)
    def make(cls, x):
        return cls.__name__ + str(x)

    @staticmethod
    @lru_cache(maxsize=None)
    def st(x):
        return -x


p, q = Point(2), Point(3)
print(p.scaled(10), q.scaled(10), p.scaled(10), Point.scaled(q, 10))
print(Point.scaled.cache_info(), Point.scaled.__name__, Point.scaled.__qualname__)
print(type(p.scaled).__name__, p.scaled.__self__ is p, p.scaled.__func__ is Point.__dict__["scaled"])
print(Point.make(1), Point.make(1), Point.st(4), Point.st(4), Point.st.cache_info())
print(type(Point.__dict__["scaled"]).__get__(Point.__dict__["scaled"], None, Point) is Point.__dict__["scaled"])

# Recursion through the wrapper with a bounded cache.
@lru_cache(maxsize=16)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


print(paths(40, 40), paths.cache_info())

# A cached function whose call re-enters the cache with the same key (the first result stays).
depth = [0]


@lru_cache(maxsize=4)
def reenter(x):
    depth[0] += 1
    if depth[0] < 3:
        reenter(x)
    return depth[0]


print(reenter(1), reenter(1), reenter.cache_info())
