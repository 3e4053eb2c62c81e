# for-loops over reversed() of lists, tuples and ranges (walked backwards in place by the built-in),
# including lists changed during the loop, extreme range bounds, and rebound names.
import builtins

for x in reversed([1, 2, 3]):
    print("list", x)
for x in reversed((4, 5, 6)):
    print("tuple", x)
for x in reversed([]):
    print("never")
for x in reversed(()):
    print("never")
for args in [(5,), (2, 7), (10, 0, -3), (0, 10, 3), (3, 3), (5, 1), (1, 5, -1), (-5, 5, 4),
             (-(2**63), -(2**63) + 3), (2**63 - 3, 2**63 - 1), (2**63 - 1, -(2**63), -(2**62)),
             (-(2**63), 2**63 - 1, 2**62), (0, 2**64, 2**62), (2**70, 2**70 + 2)]:
    print(args, [x for x in reversed(range(*args))], list(reversed(range(*args))))
print([a * b for a, b in zip(reversed(range(4)), range(4))])
print(sum(x for x in reversed([1, 2, 3])), {x: i for i, x in enumerate(reversed("abc"))})

# A list that shrinks or grows while walked backwards behaves as with its reverse iterator.
xs = [1, 2, 3, 4, 5]
for x in reversed(xs):
    print("shrinking", x)
    if x == 4:
        del xs[1:]
ys = [1, 2, 3]
for y in reversed(ys):
    print("growing", y)
    if len(ys) < 6:
        ys.append(y * 10)
zs = [1, 2, 3]
for z in reversed(zs):
    zs[0] = 100
    print("replaced", z)

for i, x in enumerate(reversed([7, 8])):
    print("enumerate reversed", i, x)
for a, b in reversed([(1, 2), (3, 4)]):
    print("pairs", a, b)
for c in reversed("abc"):
    print("str", c)
for k in reversed({"x": 1, "y": 2}):
    print("dict", k)

class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 11

class Rev(list):
    def __reversed__(self):
        return iter(["custom"])

for v in reversed(Seq()):
    print("sequence protocol", v)
for v in reversed(Rev([1, 2])):
    print("subclass", v)
for bad in (5, {1, 2}, None):
    try:
        for v in reversed(bad):
            pass
    except TypeError as e:
        print("TypeError", e)

def reversed(x):
    print("my reversed")
    return x
for v in reversed([1, 2]):
    print("rebound", v)
reversed = builtins.reversed
for v in reversed([1, 2]):
    print("restored", v)
