# `for` loops and comprehensions over range(), lists and tuples, which compiled code walks without an iterator
# object: the edge cases where that must still behave as CPython's iterators do.
import builtins


def loops():
    # The loop variable stays bound after the loop, to the last value.
    for i in range(5):
        pass
    print("after range(5):", i)
    # An empty range leaves an earlier binding alone.
    j = "unchanged"
    for j in range(0):
        pass
    print("after empty range:", j)
    # Negative steps, bounds crossing zero, steps that overshoot.
    print([k for k in range(10, -10, -7)], [k for k in range(-3, 3)], [k for k in range(0, 10, 4)])
    # Range arguments are evaluated once, in order.
    calls = []

    def arg(v):
        calls.append(v)
        return v

    total = 0
    for k in range(arg(1), arg(6), arg(2)):
        total += k
    print("total", total, "calls", calls)
    # Bounds near and past the i64 limits: big ints fall back to the general range.
    big = 2**63
    print([k - big for k in range(big - 3, big + 2)])
    print([k for k in range(big - 2, big - 1)], [k for k in range(-big, -big + 2)])
    print([k for k in range(2**63 - 2, 2**63 - 1, 5)], [k for k in range(-(2**63) + 1, -(2**63), -3)])
    print(sum(k for k in range(2**62, 2**63 - 1, 2**61)))
    # bool and int-subclass arguments are still ints to range.
    print([k for k in range(True, 4, True)])
    # Errors from range itself.
    for bad in [(1.5,), ("3",), (1, 2, 0)]:
        try:
            for k in range(*bad):
                pass
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    try:
        for k in range(0, 5, 0):
            pass
    except ValueError as e:
        print("ValueError", e)
    try:
        for k in range(2.0):
            pass
    except TypeError as e:
        print("TypeError", e)


def shadowed():
    # A local named `range` is what the loop calls.
    def range(n):
        return ["local", n]

    print([x for x in range(3)])


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter([self.n - k for k in builtins.range(self.n)])


def global_rebound():
    out = []
    for x in range(3):
        out.append(x)
    return out


def lists():
    # A list that grows while it is walked is walked to its new end, as list_iterator does.
    items = [1, 2, 3]
    seen = []
    for x in items:
        seen.append(x)
        if x < 3 and len(items) < 6:
            items.append(x * 10)
    print(seen)
    # Shrinking: the walk stops at the new end.
    items = [1, 2, 3, 4, 5]
    seen = []
    for x in items:
        seen.append(x)
        del items[-1]
    print(seen, items)
    # Rebinding the loop's list inside the loop does not change what is walked.
    items = [1, 2, 3]
    for x in items:
        items = [9]
    print(x, items)
    # Tuples, nested comprehension clauses, a generator expression over a list.
    t = (1, 2, 3)
    print([a * b for a in t for b in [10, 20]], sum(a for a in [1.5, 2.5]), list(a for a in (4, 5)))
    # A subclass of list with its own __iter__ is asked for its iterator.

    class Rev(list):
        def __iter__(self):
            return iter(list(reversed(self)))

    print([x for x in Rev([1, 2, 3])], [x for x in Countdown(3)])
    # break leaves the loop with else skipped; a for-else on a finished range runs else.
    for k in range(10):
        if k == 4:
            break
    else:
        print("not printed")
    for k in range(2):
        pass
    else:
        print("else after", k)


loops()
shadowed()
print(global_rebound())
range = lambda n: ["global", n]
print(global_rebound())
del range
print(global_rebound())
lists()
