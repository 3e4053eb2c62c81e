# copy: shallow and deep copies of built-in containers and of instances (through object.__reduce_ex__).
import copy


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


p = Point([1, 2], {"k": [3]})
s = copy.copy(p)
d = copy.deepcopy(p)
print(s, d, s is p, s.x is p.x, d.x is p.x, d.y["k"] is p.y["k"], d.y == p.y)
nested = [1, [2, [3]], {"a": (4, [5])}]
dn = copy.deepcopy(nested)
print(dn == nested, dn[1] is nested[1], dn[2]["a"][1] is nested[2]["a"][1], copy.copy(nested)[1] is nested[1])
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom(("copied", self.v))

    def __deepcopy__(self, memo):
        return Custom(("deep", self.v))


print(copy.copy(Custom(1)).v, copy.deepcopy(Custom(1)).v)


class WithState:
    def __init__(self):
        self.a = 1
        self.hidden = "secret"

    def __getstate__(self):
        return {"a": self.a}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.restored = True


w = copy.copy(WithState())
print(sorted(vars(w).items()))


class MyList(list):
    pass


ml = MyList([1, [2]])
ml.tag = "t"
cml = copy.deepcopy(ml)
print(type(cml).__name__, cml, cml.tag, cml[1] is ml[1])
print(copy.copy((1, 2)), copy.deepcopy({1: {2: 3}}), copy.copy(range(3)), copy.copy(None))
print(type(Point(1, 2).__reduce_ex__(2)[0]).__name__, Point(1, 2).__reduce_ex__(2)[1:3])
