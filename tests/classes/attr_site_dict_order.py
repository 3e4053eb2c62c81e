# Attribute sites remember where a name sat in the last instance dict they read; instances whose dicts hold
# their attributes in other orders, deleted and re-added attributes, and keys made at run time must all still
# find the right value.


class P:
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())

    def get_a(self):
        return self.a

    def get_c(self):
        return self.c

    def set_c(self, v):
        self.c = v


objs = [P("abc"), P("cba"), P("bca"), P("ca")]
for o in objs:
    print(o.get_c(), end=" ")
    try:
        print(o.get_a())
    except AttributeError as e:
        print("AttributeError", e)

# Stores through one site into dicts of different layouts.
for i, o in enumerate(objs):
    o.set_c(i)
print([o.get_c() for o in objs], [list(vars(o)) for o in objs])

# Deleting and re-adding moves the entry to the end of the dict.
o = objs[0]
del o.a
print(list(vars(o)))
try:
    o.get_a()
except AttributeError as e:
    print("AttributeError", e)
o.a = "again"
print(o.get_a(), list(vars(o)))

# Keys built at run time are equal to the interned name but not the same object.
key = "".join(["c"])
vars(o)[key] = "runtime key"
print(o.get_c(), list(vars(o)))
setattr(o, "".join(["a"]), "set by setattr")
print(o.get_a())

# Many attributes force the dict to grow (its entries are rebuilt).
for i in range(40):
    setattr(o, f"x{i}", i)
print(o.get_a(), o.get_c(), o.x39)
for i in range(0, 40, 2):
    delattr(o, f"x{i}")
o.set_c("after deletes")
print(o.get_c(), o.x39, len(vars(o)))

# Clearing the dict: the site must notice the name is gone.
vars(o).clear()
try:
    o.get_c()
except AttributeError as e:
    print("AttributeError", e)
o.set_c(5)
print(o.get_c(), vars(o))


# A class attribute shadowed by instance attributes in some instances only.
class Q:
    c = "class value"

    def get_c(self):
        return self.c


qs = [Q(), Q(), Q()]
qs[1].c = "instance"
qs[2].z = 1
qs[2].c = "later"
print([q.get_c() for q in qs])
del qs[1].c
print([q.get_c() for q in qs])
