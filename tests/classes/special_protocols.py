# __iter__/__next__, the __getitem__ iteration fallback, __contains__, __call__, __enter__/__exit__, __missing__.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(Seq()), 20 in Seq(), 5 in Seq(), [x for x in Seq()])
it = iter(Seq())
print(type(it).__name__, next(it), next(it), next(it))
check(lambda: next(it))


class SeqStop:
    def __getitem__(self, i):
        if i >= 2:
            raise StopIteration
        return i


print(list(SeqStop()))


class SeqKeyError:
    def __getitem__(self, i):
        raise KeyError(i)


check(lambda: list(SeqKeyError()))


class IterNone:
    __iter__ = None

    def __getitem__(self, i):
        return i


check(lambda: iter(IterNone()))
check(lambda: 1 in IterNone())


class BadIter:
    def __iter__(self):
        return 5


check(lambda: iter(BadIter()))
check(lambda: list(BadIter()))


class IterSelfNoNext:
    def __iter__(self):
        return self


check(lambda: iter(IterSelfNoNext()))


class NotIter:
    pass


check(lambda: iter(NotIter()))
check(lambda: list(NotIter()))
check(lambda: 1 in NotIter())
check(lambda: next(NotIter()))
check(lambda: [*NotIter()])
check(lambda: (lambda *a: a)(*NotIter()))


def unpack():
    a, b = NotIter()


check(unpack)


class Cont:
    def __contains__(self, x):
        print("contains", x)
        return x == 1


print(1 in Cont(), 2 not in Cont())


class ContTruthy:
    def __contains__(self, x):
        return [x]


print(3 in ContTruthy())


class ContNone:
    __contains__ = None

    def __iter__(self):
        return iter([1])


check(lambda: 1 in ContNone())


class Fn:
    def __call__(self, *a, **k):
        return ("called", a, k)


f = Fn()
print(f(1, x=2), callable(f), callable(Fn), callable(NotIter()))


class CallNone:
    __call__ = None


check(lambda: CallNone()())


class Mgr:
    def __enter__(self):
        print("enter")
        return "value"

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return et is KeyError


with Mgr() as v:
    print("body", v)
with Mgr():
    raise KeyError("swallowed")
try:
    with Mgr():
        raise ValueError("propagates")
except ValueError as e:
    print("caught", e)


class NoExit:
    def __enter__(self):
        return 1


class NoEnter:
    def __exit__(self, *a):
        pass


def use(m):
    with m:
        pass


check(lambda: use(NoExit()))
check(lambda: use(NoEnter()))
check(lambda: use(1))


class Counter(dict):
    def __missing__(self, key):
        return 0


c = Counter(a=1)
print(c["a"], c["b"], c.get("b"), "b" in c)


class Defaulting(dict):
    def __missing__(self, key):
        self[key] = v = len(key)
        return v


d = Defaulting()
print(d["abc"], d)


class MissingRaises(dict):
    def __missing__(self, key):
        raise LookupError("no " + key)


check(lambda: MissingRaises()["k"])

# __reversed__ and __length_hint__
class Rev:
    def __reversed__(self):
        return iter([3, 2, 1])


print(list(reversed(Rev())))


class SeqRev:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return i


print(list(reversed(SeqRev())))
check(lambda: reversed(NotIter()))


# __iter__ as generator method
class GenIter:
    def __iter__(self):
        yield 1
        yield 2


print(list(GenIter()), sum(GenIter()))


# iterator with __next__ raising StopIteration with value
class Once:
    def __init__(self):
        self.done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self.done:
            raise StopIteration
        self.done = True
        return "once"


print(list(Once()), [*Once()], dict.fromkeys(Once()))
a, = Once()
print(a)
