# An exception's __dict__ is made when first needed: it starts empty, attributes set on raised and caught
# exceptions land in it, vars() and __dict__ agree, notes and attribute errors use it, and slotted subclasses
# keep working.
import threading


def show(label, e):
    print(label, type(e).__name__, e.args, sorted(vars(e).items()), hasattr(e, "extra"))


try:
    {}["k"]
except KeyError as e:
    show("caught", e)
    print(e.__dict__ is vars(e), e.__dict__ == {})
    e.extra = 1
    show("after set", e)
    print(e.__dict__)
    del e.extra
    show("after del", e)

e = ValueError("v")
print(getattr(e, "missing", "default"), "missing" in e.__dict__)
e.__dict__["direct"] = 5
print(e.direct, vars(e))
e.add_note("note one")
print(e.__notes__, sorted(e.__dict__))

e = TypeError("t")
e.__dict__ = {"a": 1, "b": 2}
print(e.a, e.b, sorted(vars(e)))

try:
    object().nope
except AttributeError as e:
    print(e.name, type(e.obj).__name__)
    e.more = 1
    print(vars(e)["more"])


class Err(Exception):
    pass


class Slotted(Exception):
    __slots__ = ("code",)


x = Err("x")
print(vars(x), x.args)
x.y = 3
print(vars(x))
s = Slotted("s")
s.code = 7
print(s.code, s.args, vars(s))
s.other = 8
print(sorted(vars(s)))

k = KeyError("shared")


def worker(n):
    for i in range(200):
        setattr(k, f"a{n}_{i}", i)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
names = list(vars(k))
print([len([a for a in names if a.startswith(f"a{n}_")]) for n in range(4)], len(names))

o = OSError(2, "No such file", "f.txt")
print(o.errno, o.strerror, o.filename)
o.extra = 1
print(vars(o)["extra"])
