# Instance attributes kept in the object itself for small classes, and moved to an array of their own when a
# class grows past that: values, order, __dict__ and deletion stay right across the move.
class Tracked:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Tracked(%s)" % self.name


class Grow:
    pass


def fill(o, n, tag):
    for i in range(n):
        setattr(o, "a%d" % i, "%s%d" % (tag, i))


for n in range(0, 11):
    g = Grow()
    fill(g, n, "v")
    print(n, [getattr(g, "a%d" % i) for i in range(n)], list(vars(g)) == ["a%d" % i for i in range(n)])

# Instances made after the class layout already has ten names.
h = Grow()
fill(h, 10, "w")
h.a3 = "changed"
print(h.a3, h.a9, len(h.__dict__))
del h.a0
print(hasattr(h, "a0"), sorted(h.__dict__)[:3])


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pts = [Point(i, i * 2) for i in range(5)]
for p in pts:
    p.x += 10
print([(p.x, p.y) for p in pts])
# Seven attributes on one instance of a class whose others have two.
q = Point(1, 2)
for i in range(7):
    setattr(q, "extra%d" % i, i * i)
print(q.x, q.y, q.extra6, list(q.__dict__)[:4])
print(Point(3, 4).__dict__)

# Values replaced in the object's own array and across the move to an array of its own.
t = Grow()
t.a = Tracked("first")
t.a = Tracked("second")
t.b = Tracked("b")
print(t.a, t.b, vars(t))
u = Grow()
fill(u, 6, "u")
u.big = Tracked("seventh")
u.z = Tracked("eighth")
u.a0 = Tracked("replaced")
print(u.a0, u.a5, u.big, u.z, len(vars(u)))


class S3:
    __slots__ = ("a", "b", "c")


class S8:
    __slots__ = ("a", "b", "c", "d", "e", "f", "g", "h")


class S8Sub(S3):
    __slots__ = ("d", "e", "f", "g", "h")


for cls in (S3, S8, S8Sub):
    o = cls()
    try:
        o.a
    except AttributeError as e:
        print(cls.__name__, "unset:", e)
    o.a = Tracked(cls.__name__ + ".a")
    o.c = 3
    if cls is not S3:
        o.h = "h"
        print(o.h)
    print(o.c, o.a.name)
    del o.a
    print(hasattr(o, "a"))
    o.b = Tracked(cls.__name__ + ".b")
    o = None
print("done")
