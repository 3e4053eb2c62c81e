# _functools: reduce, partial and cmp_to_key as the C module provides them.
import _functools
from _functools import cmp_to_key, partial, reduce


def f(*args, **kwargs):
    return args, kwargs


def show(label, fn):
    try:
        r = fn()
        print(label, "->", r if isinstance(r, str) else repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3, 9, 2]))
print(reduce(lambda a, b: a + b, [], "init"), reduce(lambda a, b: [b] + a, "abc", []), reduce(lambda a, b: a + b, iter([5])))
show("reduce()", lambda: reduce())
show("reduce(f)", lambda: reduce(f))
show("reduce(f, 1)", lambda: reduce(f, 1))
show("reduce(f, [], x=1)", lambda: reduce(f, [], x=1))
show("reduce(add, [])", lambda: reduce(lambda a, b: a + b, []))
show("reduce(1, 2, 3, 4)", lambda: reduce(1, 2, 3, 4))
show("reduce(add, [1], None)", lambda: reduce(lambda a, b: a + b, [1], None))

p = partial(f, 1, 2, a=3)
print(p(4, b=5), p(a=6), p.func is f, p.args, p.keywords, type(p).__name__, type(p).__module__)
q = partial(p, 7, a=8, c=9)
print(q(), q.func is f, q.args, q.keywords)
print(partial(max, 3)(1, 5), partial(int, base=2)("101"), partial(sorted, key=len)(["ccc", "a", "bb"]))
p.attr = "x"
r = partial(p, 10)
print(r.func is p, r.args, r(), p.__dict__)
show("partial()", lambda: partial())
show("partial(1)", lambda: partial(1))
show("set func", lambda: setattr(partial(f), "func", f))
show("set args", lambda: setattr(partial(f), "args", ()))
show("set keywords", lambda: setattr(partial(f), "keywords", {}))
show("repr", lambda: repr(partial(len)))
show("repr args", lambda: repr(partial(len, 1, "two", k=[3])))
show("repr nested", lambda: repr(partial(partial(max, 1), 2, key=abs)))
show("eq", lambda: partial(f, 1) == partial(f, 1))
show("call kw override", lambda: partial(f, a=1, b=2)(b=3, c=4))

key = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=key), sorted("hello", key=cmp_to_key(lambda a, b: ord(b) - ord(a))))
print(sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda x, y: len(x) - len(y))), min([4, 2, 8], key=key), max([4, 2, 8], key=key))
k1, k2 = key(1), key(2)
print(k1 < k2, k1 <= k2, k1 == k2, k1 != k2, k1 > k2, k1 >= k2, k1.obj, key.obj, type(k1).__name__)
show("K()", lambda: key())
show("K(1, 2)", lambda: key(1, 2))
show("K(obj=5).obj", lambda: key(obj=5).obj)
show("K < int", lambda: key(1) < 2)
show("hash(K)", lambda: hash(key(1)))
show("cmp_to_key()", lambda: cmp_to_key())
show("cmp_to_key(f, 1)", lambda: cmp_to_key(f, 1))
show("cmp_to_key(mycmp=f)", lambda: type(cmp_to_key(mycmp=f)).__name__)
show("bad cmp result", lambda: key.__class__ and cmp_to_key(lambda a, b: "x")(1) < cmp_to_key(lambda a, b: "x")(2))
print(sorted(n for n in dir(_functools) if not n.startswith("_")))
