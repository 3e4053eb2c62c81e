# random (CPython's pure-Python module) on _random: seeded sequences equal to CPython's, str/bytes seeds.
import random

random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 1000, 7), random.choice("abcdefg"))
print(random.sample(range(100), 5), random.uniform(1.5, 2.5), random.getrandbits(70))
items = list(range(20))
random.shuffle(items)
print(items)
r = random.Random("a string seed")
print(r.random(), r.randint(0, 10**12))
r = random.Random(b"bytes seed")
print(r.random(), random.Random(bytearray(b"bytes seed")).random() == random.Random(b"bytes seed").random())
print(random.Random(3.25).random(), random.Random(-7).random() == random.Random(7).random())
r = random.Random(99)
state = r.getstate()
a = [r.random() for _ in range(3)]
r.setstate(state)
print(a == [r.random() for _ in range(3)], state[0], len(state[1]))
print(round(r.gauss(0, 1), 12), round(r.normalvariate(10, 2), 12), round(r.expovariate(2.0), 12))
print(r.choices("abc", weights=[5, 1, 1], k=6), r.triangular(0, 10, 3) < 10)
