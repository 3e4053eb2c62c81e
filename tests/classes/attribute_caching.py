# Attribute lookups stay right when classes change under a call site: methods replaced or deleted,
# attributes shadowed by the instance, descriptors and __setattr__/__getattr__ added later, bases swapped.
class A:
    kind = "A-kind"

    def who(self):
        return "A.who"


class B(A):
    pass


class C:
    kind = "C-kind"

    def who(self):
        return "C.who"


def probe(o):
    return o.who(), o.kind


def read_x(o):
    return o.x


def write_x(o, v):
    o.x = v


objs = [A(), B(), C(), B()]
for round_ in range(3):
    print(round_, [probe(o) for o in objs])
    if round_ == 0:
        A.who = lambda self: "patched A.who"
    if round_ == 1:
        del A.who
        A.kind = "new A-kind"
        B.who = lambda self: "B.who"
        try:
            probe(A())
        except AttributeError as e:
            print("AttributeError:", e)
        objs = [B(), C(), B()]

b = B()
b.who = lambda: "instance who"
b.kind = "instance kind"
print(probe(b), probe(B()))
del b.who
print(probe(b))


class P:
    pass


p = P()
for i in range(3):
    write_x(p, i)
    print(read_x(p))
P.x = property(lambda self: "property wins", lambda self, v: print("setter got", v))
write_x(p, 10)
print(read_x(p), p.__dict__)
del P.x
print(read_x(p))


def set_log(self, name, value):
    print("__setattr__", name, value)
    object.__setattr__(self, name, value)


P.__setattr__ = set_log
write_x(p, 20)
del P.__setattr__
write_x(p, 30)
print(read_x(p))
P.__getattr__ = lambda self, name: "fallback " + name
del p.x
print(read_x(p))
del P.__getattr__
try:
    read_x(p)
except AttributeError as e:
    print("AttributeError:", e)


class Left:
    def side(self):
        return "left"


class Right:
    def side(self):
        return "right"


class Child(Left):
    pass


def side(o):
    return o.side()


c = Child()
print(side(c))
Child.__bases__ = (Right,)
print(side(c))


# the same site sees many types
class T0: v = 0
class T1: v = 1
class T2: v = 2
class T3: v = 3


def get_v(o):
    return o.v


print([get_v(t()) for t in (T0, T1, T2, T3) * 6])


# a method cached through one instance, then shadowed on another
class M:
    def m(self):
        return "class m"


m1, m2 = M(), M()
print(m1.m(), m2.m())
m2.m = lambda: "instance m"
print(m1.m(), m2.m())


# builtin methods through the same site on different types
def app(seq, x):
    seq.append(x)
    return seq


class MyList(list):
    def append(self, x):
        super().append(x * 2)


print(app([], 1), app(MyList(), 1), app([], 2))


# a class attribute read through instances while the class changes it
class Counter:
    count = 0


def bump():
    Counter.count = Counter.count + 1
    return Counter().count


print([bump() for _ in range(4)])

# data descriptor in a base added later takes over an instance attribute
class Base:
    pass


class Derived(Base):
    pass


d = Derived()
d.val = "instance"
print(read_val := d.val)
Base.val = property(lambda self: "base property")
print(d.val)
