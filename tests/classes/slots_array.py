# __slots__ values at fixed indices: attribute sites, member descriptors, deletion, inheritance, copy/pickle.
import copy
import pickle


def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def norm2(self):
        return self.x * self.x + self.y * self.y + self.z * self.z

    def __repr__(self):
        return f"Vec({self.x}, {self.y}, {self.z})"


v = Vec(1.0, 2.0, 3.0)
total = 0.0
for i in range(50):
    # The same load and store sites run many times, so they are cached.
    v.x = v.x + 1.0
    total += v.norm2()
print(v, total)

# Member descriptors used directly.
print(Vec.x.__get__(v), Vec.y.__get__(v, Vec), Vec.z.__get__(None, Vec) is Vec.z)
Vec.y.__set__(v, -2.0)
print(v.y, getattr(v, "y"), Vec.x.__name__, Vec.x.__objclass__.__name__, repr(Vec.z))
check(lambda: Vec.x.__get__(42))
check(lambda: Vec.x.__set__("s", 1))

# Deleting a slot: reads raise CPython's AttributeError, through a cached site too.
def read_y(o):
    return o.y


for i in range(3):
    print(read_y(v))
del v.y
check(lambda: read_y(v))
check(lambda: v.y)
try:
    del v.y
except AttributeError as e:
    print("AttributeError:", repr(e))
check(lambda: Vec.y.__delete__(v))
v.y = 7
print(read_y(v), hasattr(v, "y"))
check(lambda: setattr(v, "w", 1))
check(lambda: v.__dict__)
fresh = Vec.__new__(Vec)
check(lambda: fresh.x)
print(hasattr(fresh, "z"))


# Subclasses: adding slots, adding a __dict__, and a __getattr__ fallback for unset slots.
class Vec4(Vec):
    __slots__ = ("w",)

    def __init__(self, x, y, z, w):
        super().__init__(x, y, z)
        self.w = w


class Loose(Vec):
    pass


class Fallback(Vec):
    __slots__ = ()

    def __getattr__(self, name):
        return "fallback " + name


v4 = Vec4(1, 2, 3, 4)
lo = Loose(5, 6, 7)
lo.extra = "e"
fb = Fallback(8, 9, 10)
del fb.z
for o in [v, v4, lo, fb, v4, lo]:
    # One site sees several classes sharing the base's slots.
    print(type(o).__name__, o.x, o.y, o.z, o.norm2() if type(o) is not Fallback else "-")
print(v4.w, Vec4.w.__get__(v4), lo.extra, lo.__dict__, vars(lo))
check(lambda: v4.__dict__)


# A slot with __dict__ and __weakref__.
class Both:
    __slots__ = ("a", "__dict__", "__weakref__")


import weakref

b = Both()
b.a = 1
b.b = 2
print(b.a, b.b, b.__dict__, weakref.ref(b)() is b)
b.__dict__ = {"c": 3}
print(b.a, b.c, sorted(vars(b)))
del b.a
check(lambda: b.a)


# Shadowing: a class attribute assigned over the member after the sites cached it.
class Cell:
    __slots__ = ("val",)

    def __init__(self, v):
        self.val = v


def get_val(c):
    return c.val


c = Cell(1)
print([get_val(c) for _ in range(3)])
saved = Cell.val
Cell.val = "class value"
print(get_val(c))
check(lambda: setattr(c, "val", 2))
Cell.val = saved
print(get_val(c))
c.val = 3
print(get_val(c))


# Name mangling and properties next to slots.
class Priv:
    __slots__ = ("__p", "_q")

    def __init__(self):
        self.__p = 1
        self._q = 2

    @property
    def p(self):
        return self.__p

    @p.setter
    def p(self, v):
        self.__p = v


pr = Priv()
pr.p = 10
print(pr.p, pr._q, sorted(k for k in Priv.__dict__ if not k.startswith("__")))


# copy, deepcopy, pickle and __getstate__.
print(v.__getstate__(), Vec.__dict__.get("__slotnames__"))
print(lo.__getstate__())
print(fresh.__getstate__())
for f in (copy.copy, copy.deepcopy, lambda o: pickle.loads(pickle.dumps(o))):
    for o in (v, v4, lo, b):
        w = f(o)
        print(type(w).__name__, w is o, [getattr(w, n, "-") for n in ("x", "y", "z", "w", "a", "c", "extra")])
