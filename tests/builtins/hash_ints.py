# hash() of ints, bools, floats equal to ints, tuples of ints: deterministic values.
for n in [0, 1, -1, -2, 2, 100, -100, 2 ** 31, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 64, -(2 ** 61),
          2 ** 100, -(2 ** 100), 10 ** 30, True, False]:
    print(n, hash(n))
print(hash(1.0), hash(-1.0), hash(2.0 ** 61), hash(0.5), hash(2 ** 100) == hash(2.0 ** 100))
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((-1,)))
print(hash(None) == hash(None), hash(range(3)) == hash(range(3)))
for bad in [[], {}, set(), [1, 2]]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
