# itertools: count, cycle and repeat, bounded with islice; their reprs and length hints.
import itertools
from itertools import count, cycle, repeat, islice

print(list(islice(count(), 5)), list(islice(count(10), 3)), list(islice(count(1, 3), 4)))
print(list(islice(count(2.5, 0.5), 4)), list(islice(count(10, -2), 4)), list(islice(count(0.1, 0.1), 10)))
print(list(islice(count(2 ** 63 - 2), 4)), list(islice(count(-(2 ** 70), 2 ** 69), 3)))
print(list(islice(count(True), 3)), list(islice(count(True, 2), 3)), list(islice(count(start=5, step=5), 3)))
c = count(7)
print(repr(c), next(c), next(c), repr(c), c)
print(repr(count(1.5)), repr(count(0, 2)), repr(count(3, 1.0)), repr(count(2 ** 80, 3)), repr(count(5, True)))
c = count(2 ** 63 - 1)
print(next(c), repr(c), next(c), repr(c))

cy = cycle("abc")
print([next(cy) for _ in range(8)], list(islice(cycle([1, 2]), 5)), list(cycle([])))
src = iter([1, 2, 3])
cy = cycle(src)
print(next(cy), list(src), [next(cy) for _ in range(4)])

r = repeat("x", 3)
print(repr(r), r.__length_hint__(), list(r), repr(r), r.__length_hint__())
r = repeat(None)
print(repr(r), [next(r) for _ in range(3)], repr(r))
print(list(repeat(7, 0)), list(repeat(7, -5)), repr(repeat(7, -5)), list(repeat([1], times=2)))
print(list(map(pow, range(5), repeat(2))), list(zip("ab", repeat(0))))
print(iter(c) is c, type(c) is itertools.count, type(c).__name__, itertools.count.__name__)
print(next(repeat(1, 1).__iter__()), count(3).__next__())
