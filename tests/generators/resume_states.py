# Every status a generator passes through on the resumption fast path: fresh, suspended (inside and outside
# exception handlers), running (gi_running seen from its own body, re-entry refused), finished (again and again).
import sys


def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


def handler_yield():
    try:
        raise KeyError("inside")
    except KeyError:
        yield sys.exception()
        yield sys.exception()
    yield sys.exception()


def reentrant():
    yield g2.gi_running
    try:
        next(g2)
    except ValueError as e:
        yield str(e)


# A for loop and builtins drain a generator; it stays finished afterwards.
g = counter(5)
print([x for x in g], list(g), next(g, "default"))
print(sum(counter(100)), any(x > 50 for x in counter(100)), all(x < 3 for x in counter(10)))
try:
    next(g)
except StopIteration as e:
    print("again", e.value)

# The return value travels in StopIteration from next().
g = counter(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("returned", repr(e.value))

# A just-started generator refuses a non-None send; throw into it ends it without running it.
g = counter(3)
try:
    g.send(1)
except TypeError as e:
    print("TypeError", e)
print(g.send(None), g.send("x"))
g = counter(3)
try:
    g.throw(ValueError("early"))
except ValueError as e:
    print("thrown", e)
print(list(g))

# The exception being handled at a yield is the body's own, restored on every resumption, and the caller's
# handled exception is untouched.
h = handler_yield()
print(repr(next(h)), sys.exception())
try:
    raise OSError("outer")
except OSError:
    print(repr(next(h)), repr(sys.exception()))
print(repr(next(h)), sys.exception())

# Running: the body sees itself running, and resuming itself is refused.
g2 = reentrant()
print(next(g2), next(g2), g2.gi_running)

# close() of fresh, suspended and finished generators.
g = counter(3)
g.close()
print(list(g))
g = counter(3)
next(g)
g.close()
print(list(g))
g.close()
print("closed twice")

# Nested pipelines of generators and generator expressions.
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x

print(list(evens(x * 3 for x in counter(10))), sum(y for y in evens(counter(1000)) if y % 3))
