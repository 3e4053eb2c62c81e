# OrderedDict pickling and copying keep the order, the subclass and instance attributes.
import copy
import pickle
from collections import OrderedDict


class Sub(OrderedDict):
    pass


od = OrderedDict([("b", 1), ("a", [2, 3]), ("c", None)])
od.move_to_end("b")
r = od.__reduce__()
print(r[0].__name__, r[1], r[2], r[3], list(r[4]))
od.tag = "t"
print(od.__reduce__()[2])
for proto in range(1, pickle.HIGHEST_PROTOCOL + 1):
    p = pickle.loads(pickle.dumps(od, proto))
    print(proto, p, list(p), p.tag, type(p).__name__, p == od)
s = Sub(od)
s.x = 1
for f in (copy.copy, copy.deepcopy, lambda o: pickle.loads(pickle.dumps(o))):
    t = f(s)
    print(type(t).__name__, t, t.x, t == s)
dc = copy.deepcopy(od)
dc["a"].append(4)
print(od["a"], dc["a"])
cp = copy.copy(od)
cp["a"].append(5)
print(od["a"] is cp["a"], list(cp))
print(isinstance(od.__sizeof__(), int), od.__sizeof__() > OrderedDict().__sizeof__())
