# hash() of ints around the 2**61 - 1 modulus, and exact tuples as dict and set keys (compared item by item
# without Python code when they can be, with __eq__ when an item needs it).
M = 2**61 - 1
for i in (0, 1, -1, -2, M - 1, M, M + 1, -M, -M - 1, 2**62, -(2**62), 2**63 - 1, -(2**63), 2**63, 2**64 + 5):
    print(i, hash(i))
print(hash(True), hash(False), hash(1.0) == hash(1), hash(-1.0))

d = {(1, 2): "a", ("x", (3, 4)): "b", (): "e"}
print(d[(1, 2)], d[(1.0, 2)], d[(True, 2)], d[("x", (3, 4))], d[()])
print((1, 2) in d, (1, 3) in d, ("x", (3, 5)) in d, (1, 2, 3) in d)
nan = float("nan")
t = (nan, 1)
print(t == t, t == (nan, 1), {t: 1}.get(t), {t: 1}.get((nan, 1)))


class Loose:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq called")
        return isinstance(other, Loose) and self.v % 10 == other.v % 10

    def __hash__(self):
        return self.v % 10


k = {("p", Loose(3)): "found"}
print(k.get(("p", Loose(13))), k.get(("q", Loose(13))))
s = {(i % 5, str(i % 3)) for i in range(30)}
print(sorted(s))
print(len({1, 1.0, True, (1,), (1.0,), (True,)}))
