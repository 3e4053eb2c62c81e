# Overrides in built-in subclasses (str, int, list, dict) win over the built-in behaviour; metaclass dunders;
# type() with class keywords; exception keyword checks; mappingproxy.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class E(Exception):
    pass


check(lambda: E(a=1))
check(lambda: E(1, 2).args)
check(lambda: Exception.__new__(E, 5).args)


class WithInitKw(Exception):
    def __init__(self, msg, *, code=0):
        super().__init__(msg)
        self.code = code


print(WithInitKw("m", code=3).code, WithInitKw("m").args)


class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)


X = type("X", (Base,), {}, flavor="vanilla")
check(lambda: type("Y", (), {}, flavor=1))
check(lambda: type("Y", (Base,), {"__qualname__": 5}))
Z = type("Z", (Base,), {"__qualname__": "Outer.Z", "__module__": "mod"})
print(Z.__qualname__, Z.__module__, repr(Z))
print(repr(X.__dict__)[:12], type(vars(X)).__name__, X.__dict__["__module__"], len(Z.__dict__) > 0)
check(lambda: X.__dict__["missing"])
print("__module__" in X.__dict__, list(X.__dict__.keys())[:2], X.__dict__.get("zz", "dflt"))


class H:
    def __eq__(self, o):
        return True


class H2(H):
    __hash__ = object.__hash__


class H3(H2):
    def __eq__(self, o):
        return False


print(H.__hash__, H2.__hash__ is object.__hash__, H3.__hash__)


class GA:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        if name == "magic":
            return 42
        return super().__getattribute__(name)


g = GA()
print(g.magic, g.a)
check(lambda: g.nope)


class MetaCM(type):
    @classmethod
    def create(mcls, name):
        return mcls(name, (), {})

    def __len__(cls):
        return 7

    def __iter__(cls):
        return iter([1, 2])

    def __getitem__(cls, k):
        return ("meta getitem", k)

    def __repr__(cls):
        return f"<MetaCM {cls.__name__}>"

    def __call__(cls, *a):
        return ("called", cls.__name__, a)


K = MetaCM.create("K")
print(K, len(K), list(K), K[3], K(1, 2), type(K).__name__, str(K), [K])


class S(str):
    def __add__(self, o):
        return "S.add"

    def __radd__(self, o):
        return "S.radd"

    def __eq__(self, o):
        return "S.eq"

    __hash__ = str.__hash__

    def __len__(self):
        return 99

    def __contains__(self, x):
        return True

    def __getitem__(self, i):
        return "S.getitem"

    def __iter__(self):
        return iter("xy")

    def upper(self):
        return "S.upper"


s = S("ab")
print(s + "c", "c" + s, s == "zz", len(s), "q" in s, s[0], list(s), s.upper(), s.lower(), str.upper(s))
print({s: 1}, s in {"ab": 1}, "%s" % s, s * 2, s.split("a"), sorted([S("b"), S("a")]))


class I(int):
    def __add__(self, o):
        return "I.add"

    def __lt__(self, o):
        return "I.lt"

    def __index__(self):
        return 1


i = I(5)
print(i + 1, 1 + i, i < 3, 3 > i, hex(i), i * 2, -i, i == 5, abs(I(-3)))


class L(list):
    def __len__(self):
        return 100

    def __iter__(self):
        return iter([7])

    def __contains__(self, x):
        return x == "magic"

    def __getitem__(self, i):
        return "L.getitem"

    def __setitem__(self, i, v):
        print("L.setitem", i, v)

    def __bool__(self):
        return False


l = L([1, 2, 3])
print(len(l), list(l), "magic" in l, 1 in l, l[0], bool(l), sum(l), max(l), l + [4], l == [1, 2, 3], sorted(l))
l[0] = 5
print(list.__len__(l), list.__getitem__(l, 0), [x for x in l], tuple(l), set(l), str(l), repr(l))
a, = l
print(a)


class D(dict):
    def __getitem__(self, k):
        return "D.getitem"

    def keys(self):
        return ["only"]

    def __iter__(self):
        return iter(["iterkey"])

    def __len__(self):
        return 5

    def __contains__(self, k):
        return k == "c"


d = D(x=1)
print(d["x"], d.get("x"), len(d), list(d), "c" in d, "x" in d, dict(d), {**d}, str(d), d.items(), list(d.values()))


def f(**kw):
    return kw


print(f(**d))
