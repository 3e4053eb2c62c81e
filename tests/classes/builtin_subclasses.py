# Subclassing built-in types, with super() calls into the built-in behaviour.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class MyList(list):
    def append(self, x):
        print("append", x)
        super().append(x)

    def __getitem__(self, i):
        print("getitem", i)
        return super().__getitem__(i)

    def total(self):
        return sum(self)


ml = MyList([1, 2])
ml.append(3)
print(ml, ml[0], len(ml), ml.total(), type(ml).__name__, isinstance(ml, list))
print(ml + [4], type(ml + [4]).__name__, ml * 2, ml == [1, 2, 3], sorted(ml, reverse=True))
ml.extend([5])
print(list(ml), [x for x in ml], ml[1:3], type(ml[1:3]).__name__)
ml.attr = "has dict"
print(ml.attr, repr(ml))


class MyDict(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.created = True

    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)


md = MyDict(a=1)
md["b"] = 2
print(md, md.created, md["b"], len(md), list(md.items()), type(md.copy()).__name__)
md.update(c=3)
print(md)


class MyStr(str):
    def shout(self):
        return self.upper() + "!"


s = MyStr("hi")
print(s, s.shout(), s + "x", type(s + "x").__name__, s == "hi", hash(s) == hash("hi"), len(s), s[0], repr(s))
print({s: 1}["hi"], "hi" in {s}, s.upper(), type(s.upper()).__name__, str(s), type(str(s)).__name__)


class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())


u = Upper("abc")
print(u, type(u).__name__, isinstance(u, str), u.lower())


class StrNew(str):
    def __new__(cls, *args):
        return str.__new__(cls, *args)


print(StrNew("x"), StrNew(), StrNew(5), StrNew(b"ab", "ascii"))


class MyInt(int):
    def __new__(cls, v, label="?"):
        obj = super().__new__(cls, v)
        obj.label = label
        return obj

    def double(self):
        return self * 2


mi = MyInt(21, "answer")
print(mi, mi.label, mi.double(), mi + 1, type(mi + 1).__name__, mi == 21, hash(mi) == hash(21), isinstance(mi, int))
print(MyInt("7"), MyInt(3.9), int(mi), bool(MyInt(0)))


class Bits(int):
    def __add__(self, other):
        return Bits(int(self) + int(other) + 1000)


print(Bits(1) + 1, 1 + Bits(1), type(Bits(1) + 1).__name__)


class MyFloat(float):
    pass


f = MyFloat(1.5)
print(f, f + 1, f * 2, type(f + 1).__name__, MyFloat("2.5"), MyFloat(), f.is_integer(), f.real)


class MyTuple(tuple):
    def __new__(cls, *items):
        return super().__new__(cls, items)

    def first(self):
        return self[0]


t = MyTuple(1, 2, 3)
print(t, t.first(), len(t), t[1:], type(t[1:]).__name__, t + (4,), t == (1, 2, 3), hash(t) == hash((1, 2, 3)))
a, b, c = t
print(a, b, c)


class Point(tuple):
    @property
    def x(self):
        return self[0]


print(Point((3, 4)).x, Point([5, 6]))


class MySet(set):
    def add(self, x):
        super().add(x * 10)


ms = MySet([1])
ms.add(2)
print(sorted(ms), 20 in ms, type(ms | {1}).__name__, isinstance(ms, set))


class MyFrozen(frozenset):
    pass


print(sorted(MyFrozen([1, 2])), type(MyFrozen()).__name__, hash(MyFrozen([1])) == hash(frozenset([1])))


class MyObj(object):
    pass


print(type(MyObj()).__name__)


class MyBool:
    pass


try:
    class B2(bool):
        pass
except TypeError as e:
    print("TypeError:", e)


class MyRange:
    pass


for bt in (range, slice, type(None), type(len), type(lambda: 0)):
    try:
        class X(bt):
            pass
    except TypeError as e:
        print("TypeError:", e)


# list subclass with __init__ override and iteration
class Stack(list):
    def __init__(self, items=()):
        super().__init__(reversed(items))

    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


st = Stack([1, 2, 3])
st.push(9)
print(st, st.peek(), st.pop(), st)


# dict subclass overriding __getitem__ is used by []
class Lower(dict):
    def __getitem__(self, k):
        return super().__getitem__(k.lower())


lw = Lower(a=1)
print(lw["A"], lw.get("A"))


# type subclasses
class MyType(type):
    pass


MT = MyType("MT", (), {})
print(type(MT).__name__, MT.__name__, isinstance(MT, type))

# super() in a str subclass __str__/__repr__
class Tagged(str):
    def __repr__(self):
        return "Tagged(" + super().__repr__() + ")"

    def __str__(self):
        return "<" + super().__str__() + ">"


tg = Tagged("v")
print(tg, repr(tg), [tg], f"{tg}", "%s" % tg, tg + "!")


