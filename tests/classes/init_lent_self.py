# Class calls C(...) that run __init__ directly with the new instance: __init__ keeping self, rebinding it,
# raising, returning a value, defaults, subclasses and class changes after the first call. (No __del__: crabby
# has no finalisers yet.)
kept = []


class Keeps:
    def __init__(self, v):
        self.v = v
        kept.append(self)


class Rebinds:
    def __init__(self, v):
        self.v = v
        self = None
        print("rebound", self)


class Raises:
    def __init__(self, v):
        self.v = v
        if v < 0:
            raise ValueError("negative %d" % v)


class Returns:
    def __init__(self, v):
        self.v = v
        return v


class Defaults:
    def __init__(self, a, b=2, c=3):
        self.t = (a, b, c)


class Child(Defaults):
    def __init__(self, a):
        super().__init__(a, b=20)
        self.extra = a * 2


for i in range(3):
    Keeps(i)
print([k.v for k in kept], len({id(k) for k in kept}))
r = Rebinds(5)
print(r.v)
made, errs = [], []
for v in (1, -1, 2):
    try:
        x = Raises(v)
        made.append(x.v)
        x = None
    except ValueError as e:
        errs.append(str(e))
print(made, errs)
try:
    Returns(0)
except TypeError as e:
    print(e)
print(Defaults(1).t, Defaults(1, 5).t, Defaults(1, 5, 6).t)
c = Child(7)
print(c.t, c.extra)


class Later:
    def __init__(self, v):
        self.v = v


objs = [Later(i).v for i in range(3)]


def new_init(self, v, w=100):
    self.v = v + w


Later.__init__ = new_init
objs += [Later(i).v for i in range(3)]
del Later.__init__
try:
    Later(1)
except TypeError as e:
    print(e)
print(objs, type(Later()).__name__)
