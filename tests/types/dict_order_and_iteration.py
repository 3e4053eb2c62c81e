# Insertion order, overwrite keeps position, delete and re-insert moves to end, views.
d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
print(d)
d["a"] = "updated"
print(d)
del d["z"]
d["z"] = "back"
print(d)
print(list(d), [k for k in d], list(reversed(d)), list(reversed(d.values())))
for k, v in d.items():
    print(k, v)
print({1: "a", 1.0: "b", True: "c"}, {0: 1, False: 2})
print({2: 1, 1: 2} == {1: 2, 2: 1}, list({2: 1, 1: 2}) == list({1: 2, 2: 1}))
print({"b": 1} | {"a": 2}, {"a": 1, "b": 2} | {"a": 3})
e = {"x": 1}
e |= {"y": 2, "x": 0}
print(e)
nested = {"outer": {"inner": [1, 2]}}
nested["outer"]["inner"].append(3)
print(nested, len(nested), "inner" in nested, "inner" in nested["outer"])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print({(1, 2): "tuple", None: "none", -1: "neg", "": "empty"})
try:
    for k in d:
        d["new key"] = 1
except RuntimeError as ex:
    print("RuntimeError:", ex)
try:
    {"a": 1} | [("b", 2)]
except TypeError as ex:
    print("TypeError:", ex)
