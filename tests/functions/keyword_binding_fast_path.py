# Keyword calls of functions without *args/**kwargs: every way binding can succeed (keywords in any order,
# defaults, keyword-only defaults, bound methods) and every error it reports.


def kw(a, b=2, *, c=3, d=4):
    return (a, b, c, d)


def po(x, /, y, z=9):
    return (x, y, z)


def req(a, *, k):
    return (a, k)


class C:
    def m(self, p, q=1, *, r=2):
        return (p, q, r)


print(kw(1, c=10), kw(a=1), kw(d=1, a=2, c=3, b=4), kw(1, 2, d=0))
print(po(1, y=2), po(1, z=3, y=2))
print(req(1, k=2), req(k=3, a=4))
o = C()
print(o.m(p=1), o.m(5, r=6), C.m(o, q=7, p=8), o.m(1, q=2, r=3))

# Defaults changed at run time are seen by the next call.
kw.__defaults__ = (20,)
kw.__kwdefaults__ = {"c": 30, "d": 40}
print(kw(1, c=5), kw(a=0))


def attempt(f, *args, **kwargs):
    try:
        print(f(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)


attempt(kw, 1, a=2)
attempt(kw, 1, e=2)
attempt(kw, b=2)
attempt(po, x=1, y=2)
attempt(req, 1)
attempt(req, k=1)
attempt(o.m, 1, self=2)
attempt(o.m, r=1)
kw.__kwdefaults__ = None
attempt(kw, 1, c=1)
attempt(kw, 1, d=1)
