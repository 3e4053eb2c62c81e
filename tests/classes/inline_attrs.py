# Instance attributes kept inline per class (shared key layout) until a real __dict__ is needed: every way the
# inline values and the dict must agree.
import copy
import pickle


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def total(self):
        return self.a + self.b


# Same layout for every instance; reads and writes through sites and through getattr/setattr.
ps = [P(i, i * 2) for i in range(5)]
for p in ps:
    p.a += 1
    setattr(p, "b", getattr(p, "b") * 10)
print([p.total() for p in ps])

# Different attribute orders in instances of one class: __dict__ keeps each instance's insertion order.
class Q:
    pass


q1, q2, q3 = Q(), Q(), Q()
q1.x = 1
q1.y = 2
q2.y = 3
q2.x = 4
q3.x = 5
q3.z = 6
q3.y = 7
for q in (q1, q2, q3):
    print(sorted(vars(q).items()), list(q.__dict__), q.x, q.y)

# __dict__ identity and mutation through it, both ways.
p = P(1, 2)
d = p.__dict__
print(d is p.__dict__, d)
d["c"] = 3
print(p.c, hasattr(p, "c"))
p.a = 100
print(d["a"], d)
del d["b"]
print(hasattr(p, "b"), d)
p.b = "again"
print(d, list(d))

# Deleting and re-adding in different orders.
r = P(1, 2)
del r.a
print(r.__dict__)
r.a = 3
print(r.__dict__, r.total())
try:
    del r.zz
except AttributeError as e:
    print("AttributeError:", e)
s = P(1, 2)
try:
    del s.zz
except AttributeError as e:
    print("AttributeError:", e)
print(s.__dict__)
try:
    s.missing
except AttributeError as e:
    print("AttributeError:", e)

# Many attributes (past any inline limit).
class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "f%d" % i, i)


m = Many(40)
print(m.f0, m.f39, len(vars(m)), list(vars(m))[:3], list(vars(m))[-2:])
m2 = Many(40)
m2.f5 = "five"
print(m2.f5, m2.f35, sum(getattr(m2, "f%d" % i) for i in range(40) if i != 5))

# A layout learned from one instance; another stores a subset, then extra names.
class L:
    pass


for n in (3, 1, 5, 0, 2):
    o = L()
    for i in range(n):
        setattr(o, "k%d" % i, i * i)
    o.extra = n
    print(n, vars(o))

# __dict__ assignment.
t = P(1, 2)
t.__dict__ = {"b": 5, "a": 6, "z": 0}
print(t.a, t.b, t.z, t.__dict__)

# Class attributes, methods and shadowing.
class C:
    k = "class"

    def m(self):
        return "method"


c = C()
print(c.k, c.m())
c.k = "inst"
c.m = lambda: "shadow"
print(c.k, c.m(), C.k, C().m())
del c.k
print(c.k)

# Data descriptors win over the instance, non-data ones lose.
class Prop:
    @property
    def v(self):
        return "prop"

    def w(self):
        return "w-method"


pr = Prop()
pr.__dict__["v"] = "dict"
pr.__dict__["w"] = "dict-w"
print(pr.v, pr.w)

# copy, pickle, and dicts compared.
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, o):
        return vars(self) == vars(o)


a = Pt(1, [2])
b = copy.copy(a)
cdeep = copy.deepcopy(a)
print(vars(b), b == a, b.y is a.y, cdeep.y is a.y)
e = pickle.loads(pickle.dumps(a))
print(vars(e), e == a)
e.z = 3
print(vars(e))

# Subclass instances have their own layouts.
class Base:
    def __init__(self):
        self.base = 1


class Derived(Base):
    def __init__(self):
        self.first = 0
        super().__init__()


print(vars(Base()), vars(Derived()))

# __getattr__, __setattr__ overrides.
class G:
    def __getattr__(self, name):
        return "missing:" + name


g = G()
g.x = 1
print(g.x, g.y)


class S:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


s = S()
s.v = 21
print(s.v, vars(s))

# Instances of a subclass of a builtin keep a real dict.
class MyList(list):
    pass


ml = MyList([1])
ml.tag = "t"
print(ml, ml.tag, vars(ml))

# dir() sees instance attributes.
dd = P(1, 2)
dd.q = 0
print([n for n in dir(dd) if not n.startswith("__")])
