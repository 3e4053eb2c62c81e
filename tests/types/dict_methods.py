# dict get/setdefault/pop/popitem/keys/values/items/update/copy/clear/fromkeys.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("z", "default"), d)
d.update({"x": 10, "a": -1})
d.update(y=20)
d.update([("p", 1), ("q", 2)])
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
print(d.popitem(), d.popitem(), d)
cp = d.copy()
cp["new"] = 1
print(len(d), len(cp), "new" in d, "new" in cp)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
print(dict(), dict(a=1, b=2), dict([(1, "x"), (2, "y")]), dict({"k": "v"}, extra=1), dict(zip("ab", [1, 2])))
keys = d.keys()
d["late"] = True
print(keys, "late" in keys, len(keys))
d.clear()
print(d, keys)
for op in [lambda: {}.pop("k"), lambda: {}.popitem(), lambda: {}["missing"], lambda: {1: 2}[2]]:
    try:
        op()
    except KeyError as e:
        print("KeyError", repr(e), e)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
