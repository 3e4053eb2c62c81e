# match: classes inheriting or registered with collections.abc.Sequence / Mapping take sequence and mapping
# patterns; a registered class keeps working after registration, and str stays excluded.
import collections.abc


class Seq(collections.abc.Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        print("  getitem", i)
        return self.items[i]

    def __len__(self):
        return len(self.items)


class Config(collections.abc.Mapping):
    def __init__(self, **kw):
        self.kw = kw

    def __getitem__(self, k):
        print("  getitem", k)
        return self.kw[k]

    def __iter__(self):
        return iter(self.kw)

    def __len__(self):
        return len(self.kw)


class Registered:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __iter__(self):
        return iter(self.items)


def show(v):
    match v:
        case {"host": h, "port": int(p)}:
            return f"config {h}:{p}"
        case [a, *_, z]:
            return f"sequence {a}..{z}"
        case [x]:
            return f"one {x}"
        case _:
            return "neither"


print(show(Seq(1, 2, 3)))
print(show(Seq(7)))
print(show(Config(host="h", port=80)))
print(show(Registered(1, 2)))
collections.abc.Sequence.register(Registered)
print(show(Registered(1, 2)))
collections.abc.MutableMapping.register(dict)
print(show("ab"))
