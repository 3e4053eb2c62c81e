# yield from chains stepped by next() (which may step the innermost generator directly) mixed with send,
# throw and close; errors, return values, gi_running and the handled exception seen through the chain.
import sys


def leaf(tag, n):
    try:
        for i in range(n):
            got = yield f"{tag}{i}"
            if got is not None:
                print("leaf got", got)
    finally:
        print("leaf finally", tag)
    return f"{tag}-done"


def middle(tag):
    r1 = yield from leaf(tag + "a", 2)
    print("middle r1", r1)
    r2 = yield from leaf(tag + "b", 2)
    print("middle r2", r2)
    return r1 + "+" + r2


def top():
    r = yield from middle("m")
    print("top got", r)
    yield "top-end"
    return "top-result"


print(list(top()))

# Switching between next() and send() in the middle of a delegation.
g = top()
print(next(g), next(g))
print(g.send("hello"))
print(next(g))
print(g.send(None))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
try:
    next(g)
except StopIteration as e:
    print("stop again", e.value)

# throw() after next() stepped the chain: the exception enters at the innermost yield.
g = top()
next(g)
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("thrown out", repr(e))
print(g.gi_running, next(g, "exhausted"))

# close() after next() stepped the chain: finally blocks run innermost first.
def closing():
    try:
        yield from middle("c")
    finally:
        print("closing finally")

g = closing()
print(next(g), next(g), next(g))
g.close()
print("closed")

# Abandoned in the middle of a chain.
g = closing()
print(next(g))
del g
print("abandoned")


# An error in the innermost generator passes through every level's handlers.
def failing():
    yield 1
    yield 2
    raise ValueError("bad leaf")


def catcher():
    try:
        yield from failing()
    except ValueError as e:
        print("caught in catcher", e)
        yield "after-error"


def outer_catcher():
    yield from catcher()
    yield "outer-end"


print(list(outer_catcher()))


def uncaught():
    yield from failing()


try:
    for x in uncaught():
        print("got", x)
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name if tb.tb_frame else "?", tb.tb_lineno))
        tb = tb.tb_next
    print("uncaught", e, [n for n, _ in names], [ln for _, ln in names])


# PEP 479 in the innermost generator: RuntimeError at the yield from.
def stopper():
    yield "s"
    raise StopIteration("inner stop")


def pep479_outer():
    try:
        yield from stopper()
    except RuntimeError as e:
        print("pep479", e, repr(e.__cause__))
    yield "pep479-end"


print(list(pep479_outer()))


# gi_running of the delegating generator is True while its delegate runs, and it cannot be re-entered.
holder = []


def watcher():
    outer_gen = holder[0]
    print("outer running?", outer_gen.gi_running)
    yield 1
    print("outer running again?", outer_gen.gi_running)
    try:
        next(outer_gen)
    except ValueError as e:
        print("re-enter", e)
    yield 2


def delegating():
    yield from watcher()


d = delegating()
holder.append(d)
print(list(d))
print("after", d.gi_running)


# The exception a generator is handling is seen by the generator it delegates to, on every step.
def show_exc():
    for i in range(3):
        print("inner sees", sys.exc_info()[0].__name__ if sys.exc_info()[0] else None)
        yield i


def in_handler():
    try:
        raise KeyError("h")
    except KeyError:
        yield from show_exc()
    print("outside handler", sys.exc_info()[0])
    yield "end"


for x in in_handler():
    print("step", x, sys.exc_info()[0])


# Iterators that are not generators: their StopIteration value is the result of yield from.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return self.n


def over_custom():
    r = yield from Countdown(3)
    print("custom result", r)
    r = yield from [7, 8]
    print("list result", r)


print(list(over_custom()))


# A delegate that is also stepped directly by someone else.
shared = leaf("s", 4)


def wrapper():
    r = yield from shared
    print("wrapper result", r)


w = wrapper()
print(next(w), next(shared), next(w), next(w))
print(next(w, "w-done"), next(shared, "shared-done"))
