# One attribute site seeing more types than it remembers, classes read through one site, and each of them
# changed after the site cached it.
def make(i):
    ns = {"tag": "class-%d" % i}
    if i % 2:
        ns["get"] = lambda self: "method-%d" % i
    return type("K%d" % i, (), ns)


classes = [make(i) for i in range(7)]


def read_tag(o):
    return o.tag


def read_get(o):
    g = getattr(o, "get", None)
    return g() if g else None


def store_and_read(o, v):
    o.val = v
    return o.val


for rnd in range(3):
    out = []
    for i, cls in enumerate(classes):
        o = cls()
        if i == 3:
            o.tag = "instance-3"
        out.append((read_tag(o), read_get(o), store_and_read(o, i * rnd)))
    print(rnd, out)
    # Change some classes after the site saw them.
    classes[rnd].tag = "changed-%d" % rnd
    classes[rnd + 1].get = lambda self, r=rnd: "new-%d" % r


def class_tag(c):
    return c.tag


print([class_tag(c) for c in classes])
classes[5].tag = "again"
del classes[6].tag
out = []
for c in classes:
    try:
        out.append(class_tag(c))
    except AttributeError as e:
        out.append(str(e))
print(out)


class Base:
    x = "base-x"


class Sub(Base):
    pass


s = Sub()
print([s.x for _ in range(3)])
Base.x = "base-x2"
print(s.x)
Sub.x = property(lambda self: "prop")
print(s.x)
try:
    s.x = 1
except AttributeError:
    print("AttributeError")
del Sub.x
s.x = "own"
print(s.x, Sub().x)
