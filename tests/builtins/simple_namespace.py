# types.SimpleNamespace: keyword constructor, attribute access, repr, equality, subclassing, unhashable.
import sys
NS = type(sys.implementation)

print(NS.__name__, NS.__module__, NS.__qualname__)
print(NS.__doc__)
n = NS(b=2, a=1)
print(n, repr(n), n.a, n.b, n.__dict__)
n.c = [1, 2]
del n.b
print(n, vars(n))
print(n == NS(a=1, c=[1, 2]), n == NS(a=1), n != NS(a=1), n == 5, NS() == NS(), NS.__eq__(n, 5))
for args in [(1,), ({"a": 1},)]:
    try:
        NS(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    hash(n)
except TypeError as e:
    print("TypeError")
n.me = n
print(n)


class Point(NS):
    def norm(self):
        return self.x ** 2 + self.y ** 2


p = Point(x=3, y=4)
print(p, p.norm(), p == NS(x=3, y=4), NS(x=3, y=4) == p, isinstance(p, NS))
print(n.__reduce__()[0] is NS, n.__reduce__()[1])
print(NS(**{"x y": 1}))
try:
    n.missing
except AttributeError as e:
    print("AttributeError")
m = NS()
m.__init__(q=5)
print(m, getattr(m, "q"), hasattr(m, "z"))
print(sorted(k for k in dir(NS(zz=1)) if not k.startswith("__")))
