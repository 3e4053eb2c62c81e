# _collections.deque subclassed from Python.
from _collections import deque

print(deque.__module__, deque.__name__)


class D(deque):
    def __init__(self, n, maxlen=None):
        super().__init__(range(n), maxlen)
        self.tag = "t"

    def append(self, x):
        super().append(x * 10)


e = D(4)
e.append(5)
print(e, e.tag, len(e), type(e).__name__, isinstance(e, deque), e.maxlen)
print(D(5, 3), vars(e))


class E(deque):
    pass


f = E([1, 2], 4)
print(repr(f), repr(f.copy()), type(f.copy()).__name__, type(f + E([3])).__name__, type(f * 2).__name__)
f.extra = 1
print(f.__reduce__()[0].__name__, f.__reduce__()[1], f.__reduce__()[2])


class Stack(deque):
    def push(self, x):
        self.append(x)

    def __repr__(self):
        return f"Stack{list(self)}"


s = Stack()
s.push(1)
s.push(2)
print(s, s.pop(), s)
print(E() == deque(), E([1]) == deque([1]))
