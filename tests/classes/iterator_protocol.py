# User-defined iterators (__iter__/__next__) used by for, list(), sum(), zip().
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


for n in Countdown(3):
    print(n)
print(list(Countdown(5)), sum(Countdown(4)), list(zip(Countdown(2), "ab")))


class Squares:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter([i * i for i in range(self.n)])

    def __contains__(self, item):
        return item in list(iter(self))


sq = Squares(5)
print(list(sq), list(sq), 9 in sq, 10 in sq, max(sq))
