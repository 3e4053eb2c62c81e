# OrderedDict keeps a movable key order: set/del/move_to_end/pop/popitem, views and reversed.
from collections import OrderedDict

od = OrderedDict()
for k in "abcde":
    od[k] = ord(k)
print(list(od), len(od), isinstance(od, dict), type(od).__name__, type(od).__module__)
od["c"] = 0  # an existing key keeps its place
print(list(od.items()))
del od["b"]
od["b"] = 1  # a re-inserted key goes last
print(list(od))
od.move_to_end("a")
print(list(od))
od.move_to_end("e", last=False)
print(list(od))
od.move_to_end("e", False)
od.move_to_end("a", True)
print(list(od))
print(od.popitem(), od.popitem(last=False), list(od))
print(od.pop("c"), od.pop("zz", "dflt"), list(od))
print(od.setdefault("d", 99), od.setdefault("n", 7), list(od))
od.update([("x", 1)], y=2)
od.update({"z": 3})
od.update(OrderedDict([("w", 4)]))
print(od)
print(od.keys(), od.values(), od.items())
print(list(reversed(od)), list(reversed(od.keys())), list(reversed(od.values())), list(reversed(od.items())))
print("x" in od, "q" in od, "x" in od.keys(), ("x", 1) in od.items(), 2 in od.values())
print(len(od.keys()), od.keys() & {"x", "y", "nope"} == {"x", "y"}, sorted(od.keys() | {"k"}))
print(od.keys() == {"d", "n", "x", "y", "z", "w"}, od.items() == set(od.items()))
print(type(od.keys()).__name__, type(od.values()).__name__, type(od.items()).__name__, type(iter(od)).__name__)
print(isinstance(od.keys(), type({}.keys())), type(reversed(od)).__name__, type(iter(od.items())).__name__)
print(OrderedDict.fromkeys("cab"), OrderedDict.fromkeys("ab", value=0), OrderedDict.fromkeys(iterable="xy"))
c = od.copy()
print(c == od, c is od, type(c).__name__, list(c))
od.clear()
print(od, len(od), list(c)[:2])
print(OrderedDict([(1, 2), (3, 4)], a=5), OrderedDict(b=1, a=2), OrderedDict({"q": 1, "p": 2}))
print(OrderedDict(OrderedDict([(3, 3), (1, 1)])), OrderedDict(dict.fromkeys([5, 4, 3])), OrderedDict((k, k) for k in "xy"))
od = OrderedDict()
od.attr = "inst"
print(od.__dict__, vars(od), od.get("x", "g"), od.get("x"))
print(OrderedDict[str, int], OrderedDict.__doc__[:10])
# move_to_end(last=False) and popitem(last=False) in long loops keep order exactly
od = OrderedDict.fromkeys(range(50))
for i in range(3000):
    od.move_to_end((i * 7) % 50, last=(i % 3 == 0))
    if i % 11 == 0:
        k, v = od.popitem(last=(i % 2 == 0))
        od[k] = i
print(list(od))
ref = list(od)
for i in range(200):
    k = ref[i % len(ref)]
    od.move_to_end(k, last=False)
print(list(od)[:10], len(od))
while len(od) > 5:
    od.popitem(last=False)
print(od)
d = dict(od)
print(d, list(OrderedDict(d)))
match od:
    case {45: _}:
        print("mapping pattern")
    case _:
        print("no match", list(od))
