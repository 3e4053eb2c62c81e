# _random: CPython's Mersenne Twister sequences for int seeds, getrandbits, getstate/setstate, errors.
import _random

R = _random.Random
for seed in [0, 1, 42, 2**32 - 1, 2**32, 2**64 + 5, 2**100 + 12345, -5, True, 10**50]:
    r = R(seed)
    print(seed, [r.random() for _ in range(3)], r.getrandbits(1), r.getrandbits(31), r.getrandbits(32), r.getrandbits(33))
    print("  ", r.getrandbits(64), r.getrandbits(100), r.getrandbits(0))

r = R(42)
print(r.random(), r.getrandbits(100), r.getrandbits(32), r.getrandbits(1))
r.seed(7)
a = [r.random() for _ in range(700)]
print(a[0], a[623], a[624], a[699], sum(a))
r.seed(5)
print(r.random() == R(-5).random(), R(0).random() == R(False).random())
print(r.getrandbits(1000) % 1000003, r.getrandbits(4097).bit_length() <= 4097)

st = R(123).getstate()
print(type(st).__name__, len(st), st[:3], st[-1])
r2 = R()
r2.setstate(st)
print(r2.random() == R(123).random())
r3 = R(99)
s = r3.getstate()
x = [r3.random() for _ in range(5)]
r3.setstate(s)
print(x == [r3.random() for _ in range(5)], r3.getstate()[-1])
# Seeding from OS entropy gives a full state.
e = R()
print(len(e.getstate()), 0.0 <= e.random() < 1.0)
e.seed(None)
print(e.getstate()[-1])
# Non-int seeds are hashed (hash of a float or None-free tuple is deterministic).
h = R(3.5)
print(h.random(), R((1, 2)).random())


class S(R):
    def __init__(self, a, b):
        super().__init__(a + b)
        self.extra = a


s = S(1, 2)
print(s.random() == R(3).random(), s.extra, isinstance(s, R))


class T(R):
    def random(self):
        return 0.5


print(T(1).random(), T(1).getrandbits(8) == R(1).getrandbits(8))


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


r = R(1)
t(r.getrandbits, -1)
t(r.getrandbits, "a")
t(r.getrandbits, 2**70)
t(r.getrandbits, 1.5)
t(r.getrandbits)
t(r.getrandbits, 1, 2)
t(r.setstate, (1, 2))
t(r.setstate, (None,) * 625)
t(r.setstate, (-1,) + (1,) * 624)
t(r.setstate, (2**64,) + (1,) * 624)
t(r.setstate, (1,) * 624 + (625,))
t(r.setstate, (1,) * 624 + (-1,))
t(r.setstate, (1,) * 624 + (1.5,))
t(r.setstate, (1.0,) * 625)
t(r.setstate, [1] * 625)
t(r.setstate)
t(r.getstate, 1)
t(R, 1, 2)
t(R, x=1)
t(r.seed, 1, 2)
t(r.seed, [])
t(r.random, 1)
r.setstate((2**40,) + (1,) * 623 + (624,))
print(r.getstate()[0], r.getstate()[-1], r.random())
