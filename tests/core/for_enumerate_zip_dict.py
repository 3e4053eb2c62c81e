# for-loops and comprehensions over enumerate(), zip(), dicts and dict views, with tuple targets:
# the built-ins walk their arguments in place, so every observable behaviour must stay CPython's.
import builtins

xs = [10, 20, 30]
for i, x in enumerate(xs):
    print("enum", i, x)
for i, x in enumerate(xs, 5):
    print("enum start", i, x)
for i, x in enumerate(xs, -2):
    print("enum negative start", i, x)
for t in enumerate("ab"):
    print("enum tuple", t, type(t).__name__)
for i, x in enumerate(xs, start=100):
    print("enum keyword start", i, x)
for i, x in enumerate(xs, 2**63 - 2):
    print("enum past i64", i, x)
for i, x in enumerate(xs, 2**70):
    print("enum big start", i, x)
for i, x in enumerate(xs, True):
    print("enum bool start", i, type(i).__name__, x)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print("enum nested", i, a, b)
print([i * x for i, x in enumerate(range(4))])
print({x: i for i, x in enumerate("hello")})
print(sum(i for i, _ in enumerate(xs)))
print(list(p for p in enumerate((7, 8))))

# A list grown while enumerated is seen growing, as with its iterator.
ys = [1, 2]
for i, y in enumerate(ys):
    if i < 3:
        ys.append(y * 10)
    print("growing", i, y)

# Errors: a non-iterable, a bad start, wrong target counts.
for bad in (lambda: [0 for i, x in enumerate(5)], lambda: [0 for i, x in enumerate(xs, "a")],
            lambda: [0 for i, x, y in enumerate(xs)], lambda: [0 for (i,) in enumerate(xs)],
            lambda: [0 for a, b in zip(xs, xs, xs)], lambda: [0 for a, b in zip(xs, 3)],
            lambda: [0 for a, b in zip(3, xs)], lambda: [0 for a, b in {1: 2}],
            lambda: [0 for a, b in {"ab": 1, "c": 2}]):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

for a, b in zip(xs, "abcd"):
    print("zip", a, b)
for a, b, c in zip(xs, "xyz", range(100)):
    print("zip3", a, b, c)
for t in zip(xs, xs):
    print("zip tuple", t)
for (a,) in zip(xs):
    print("zip1", a)
for t in zip():
    print("never")
print([a * b for a, b in zip(range(5), range(5, 10))])
print(list(zip("ab", "cd")))
print([a for a, b in zip(xs, xs, strict=True)])
try:
    for a, b in zip(xs, [1], strict=True):
        print("strict", a, b)
except ValueError as e:
    print("ValueError", e)

# zip advances its iterators in order and stops at the first exhausted one.
def gen(name, n):
    for i in range(n):
        print("  gen", name, "gives", i)
        yield i
    print("  gen", name, "done")

for a, b in zip(gen("a", 2), gen("b", 5)):
    print("pair", a, b)
for a, b in zip(gen("a", 5), gen("b", 1)):
    print("pair", a, b)

d = {"x": 1, "y": 2, "z": 3}
for k in d:
    print("key", k)
for k, v in d.items():
    print("item", k, v)
for v in d.values():
    print("value", v)
for k in d.keys():
    print("keys()", k)
for kv in d.items():
    print("item tuple", kv)
print({v: k for k, v in d.items()})
print(sorted(k + str(v) for k, v in d.items()))
try:
    for k in d:
        d["w" + k] = 0
except RuntimeError as e:
    print("RuntimeError", e)
try:
    for k, v in d.items():
        del d[k]
except RuntimeError as e:
    print("RuntimeError", e)
print(d)
e = {}
for k, v in e.items():
    print("never")

class D(dict):
    def __iter__(self):
        yield "overridden"
    def items(self):
        return [("i", "overridden")]

dd = D(a=1)
for k in dd:
    print("subclass iter", k)
for k, v in dd.items():
    print("subclass items", k, v)
for k, v in dict.items(dd):
    print("dict.items of subclass", k, v)

# Rebinding the names takes the general path, evaluated as written.
def enumerate(x, start=0):
    print("my enumerate", x, start)
    return [("m", x)]

for a, b in enumerate(xs):
    print("rebound", a, b)
enumerate = builtins.enumerate
zip = lambda *a: [("z", len(a))]
for a, b in zip(xs, xs):
    print("rebound zip", a, b)
del zip
for a, b in zip(xs, xs):
    print("zip again", a, b)

# Tuple targets over other iterables: lists, tuples, generators, strings.
for a, b in [(1, 2), [3, 4], "ab"]:
    print("pairs", a, b)
for a, b, c in ((1, 2, 3),):
    print("triple", a, b, c)
for [a, b] in [(5, 6)]:
    print("list target", a, b)
for a, b in (divmod(n, 3) for n in range(4)):
    print("divmod", a, b)
try:
    for a, b in [(1, 2), (1, 2, 3)]:
        print("ok", a, b)
except ValueError as e:
    print("ValueError", e)
try:
    for a, b in [1]:
        pass
except TypeError as e:
    print("TypeError", e)
