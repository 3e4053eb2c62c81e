# _collections.defaultdict: default_factory, __missing__, repr, copy, |, subclasses; _count_elements.
from _collections import defaultdict, _count_elements

print(defaultdict.__module__, defaultdict.__mro__)
dd = defaultdict(list)
print(repr(dd), dd.default_factory, dd["x"], repr(dd))
dd["x"].append(1)
dd["y"].append(2)
print(dd, dd.__missing__("z"), dd, len(dd), "x" in dd, "w" in dd, dd.get("w"), isinstance(dd, dict))
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = defaultdict(int)
for w in words:
    counts[w] += 1
print(sorted(counts.items()), counts == dict(counts), dict(counts) == counts)
groups = defaultdict(set)
for w in words:
    groups[len(w)].add(w)
print(sorted((k, sorted(v)) for k, v in groups.items()))
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 3
print(nested["a"]["b"], dict(nested["a"]))
r = defaultdict(dict)
r["a"]["b"] = 1
print(r)


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


t(defaultdict, 1)
t(defaultdict, None, {1: 2})
t(defaultdict, list, a=1)
t(defaultdict, list, [(1, 2)], b=3)
t(defaultdict, default_factory=list)
t(lambda: defaultdict()[1])
t(lambda: defaultdict(None)[1])
t(defaultdict().__missing__, 1)
t(lambda: vars(dd))
dd2 = defaultdict(int, {"a": 1})
c = dd2.copy()
c["b"]
print(dd2, c, type(c).__name__, c.default_factory)
dd2.default_factory = str
print(dd2["s"] == "", dd2)
print(dd2 | {"q": 1}, {"q": 1} | dd2, type({"q": 1} | dd2).__name__)
dd2 |= {"w": 2}
print(dd2, type(dd2).__name__)
print(dd2.__reduce__()[:4])
dd2.default_factory = None
print(dd2.default_factory)
t(lambda: dd2["nope"])
print(type(defaultdict.__dict__["default_factory"]).__name__)


class DD(defaultdict):
    def __init__(self):
        super().__init__(list)
        self.note = "n"


x = DD()
x["k"].append(1)
print(repr(x), vars(x), x.note, type(x.copy).__name__ if False else "", isinstance(x, dict))


class Logged(defaultdict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)


lg = Logged(int)
lg["a"] += 1
print(lg)

m = {}
_count_elements(m, "abracadabra")
print(m)


class C(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)


cc = C()
_count_elements(cc, "aba")
print(cc)
t(_count_elements, {})
t(_count_elements, {}, 1)
t(_count_elements, 1, "a")
