# Exact dicts indexed and assigned without a __getitem__/__setitem__ lookup, and keys hashed and compared by
# the fast paths (exact str, small int): subclasses and mixed numeric keys must still behave as in CPython.


class Shout(str):
    def __hash__(self):
        return hash(self.upper())

    def __eq__(self, other):
        return isinstance(other, str) and self.upper() == other.upper()


class Plain(str):
    pass


d = {}
d["key"] = 1
d[Plain("key")] = 2
print(d, type(list(d)[0]).__name__)
d[Shout("KEY")] = 3
print(len(d), d["key"], d[Shout("key")])
print(Shout("Key") in {"KEY": 0}, "KEY" in {Shout("key"): 0})

n = {1: "int"}
n[1.0] = "float"
n[True] = "bool"
print(n, n[1], n[1.0], n[True])
print({2**70: "big"}[2**70], {-1: "m1"}[-1], {-2: "m2"}[-2])
print({"é": 1, "e": 2}["é"], {"ab" * 60: 1}["ab" * 60])

try:
    {}["missing"]
except KeyError as e:
    print("KeyError", repr(e.args[0]))
try:
    {}[(1, 2)]
except KeyError as e:
    print("KeyError", e.args)


class BadHash:
    def __hash__(self):
        raise ValueError("no hash")


for op in ("get", "set", "in"):
    try:
        x = {}
        if op == "get":
            x[BadHash()]
        elif op == "set":
            x[BadHash()] = 1
        else:
            BadHash() in x
    except ValueError as e:
        print(op, "ValueError", e)
try:
    {}[[1]]
except TypeError as e:
    print("TypeError", e)
try:
    x = {}
    x[{}] = 1
except TypeError as e:
    print("TypeError", e)


class Missing(dict):
    def __missing__(self, k):
        return "missing " + repr(k)


class Logged(dict):
    def __setitem__(self, k, v):
        print("setitem", k, v)
        super().__setitem__(k, v * 10)

    def __getitem__(self, k):
        print("getitem", k)
        return super().__getitem__(k)


m = Missing(a=1)
print(m["a"], m["b"])
lg = Logged()
lg["x"] = 4
print(lg["x"], dict.__getitem__(lg, "x"))

counts = {}
for w in "the cat the dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, "cat" in counts, "cow" in counts)
