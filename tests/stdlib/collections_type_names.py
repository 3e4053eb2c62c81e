# Messages naming _collections types use CPython's qualified type names (tp_name: 'collections.deque').
from _collections import deque, defaultdict


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


t(hash, deque())
t(lambda: defaultdict(int) | 1)
t(lambda: deque() < [1])
t(lambda: 1 + deque())
t(deque.__len__, [])
print(deque, defaultdict, type(iter(deque())))
