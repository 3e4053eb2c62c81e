# Subclasses of OrderedDict: overridden __setitem__ runs for update/init/setdefault/copy, order stays right.
from collections import OrderedDict


class LastUpdated(OrderedDict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)


lu = LastUpdated([("a", 1), ("b", 2), ("c", 3)])
lu["a"] = 10
lu.update(b=20)
print(lu, list(lu))


class Logged(OrderedDict):
    def __init__(self, *args, **kwargs):
        self.log = []
        super().__init__(*args, **kwargs)

    def __setitem__(self, key, value):
        self.log.append(("set", key))
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self.log.append(("del", key))
        super().__delitem__(key)

    def __getitem__(self, key):
        self.log.append(("get", key))
        return super().__getitem__(key)


lg = Logged([("x", 1)], y=2)
lg.update({"z": 3})
lg.setdefault("w", 4)
lg.setdefault("x", 5)
print(lg.log)
lg.log.clear()
c = lg.copy()
print(type(c).__name__, c, c.log, lg.log)
lg.log.clear()
print(lg.pop("x"), lg.popitem(), lg.log, list(lg))
del lg["y"]
print(lg.log, lg)
f = Logged.fromkeys("pq", 0)
print(f, f.log)
print(lg | {"n": 1}, type(lg | {"n": 1}).__name__)


class Counting(OrderedDict):
    def __missing__(self, key):
        return "missing:" + key


cn = Counting(a=1)
print(cn["a"], cn["zz"], "zz" in cn)


class WithSlots(OrderedDict):
    __slots__ = ("s",)


ws = WithSlots(k=1)
ws.s = 5
ws.move_to_end("k", last=False)
print(ws, ws.s, isinstance(ws, dict), issubclass(WithSlots, OrderedDict))
print(LastUpdated.__mro__[1:3])
