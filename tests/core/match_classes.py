# match: class patterns: isinstance checks, __match_args__ positional sub-patterns, keyword attributes,
# self-matching built-ins, dataclasses.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Circle:
    __match_args__ = ("center", "radius")

    def __init__(self, center, radius):
        self.center = center
        self.radius = radius


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"y axis {yy}"
        case Point(xx, 0):
            return f"x axis {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case Circle(Point(0, 0), r):
            return f"circle at origin r={r}"
        case Circle(center=Point(x=cx), radius=r) if r > 10:
            return f"big circle cx={cx}"
        case Circle():
            return "a circle"
        case _:
            return "not a shape"


for v in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Circle(Point(0, 0), 1.5),
          Circle(Point(4, 5), 20), Circle(Point(4, 5), 2), 7]:
    print(where(v))


# Built-ins that match themselves with one positional sub-pattern (also their subclasses).
class MyInt(int):
    pass


def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return f"negative int {i}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s):
            return f"str {s!r}"
        case bytes(b) | bytearray(b):
            return f"bytes-like {b!r}"
        case list([x, *_]):
            return f"list starting {x}"
        case tuple(t):
            return f"tuple {t}"
        case dict({"k": v}):
            return f"dict with k={v}"
        case set(s) | frozenset(s):
            return f"set of {len(s)}"
        case _:
            return "other"


for v in [True, -3, 4, MyInt(9), 2.5, "s", b"b", bytearray(b"ba"), [1, 2], (1,), {"k": 0}, {1, 2},
          frozenset(), None, {"j": 1}]:
    print(repr(v), kind(v))


# Attributes that are missing make the pattern fail; properties and class attributes count.
class Box:
    kind = "box"

    @property
    def size(self):
        return 3


match Box():
    case Box(missing=1):
        print("missing?")
    case Box(kind="box", size=s):
        print("box of size", s)


# Inherited __match_args__; a subclass may override it.
class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


match Point3(1, 2, 3):
    case Point(a, b):
        print("as Point", a, b)
match Point3(1, 2, 3):
    case Point3(a, b, c):
        print("as Point3", a, b, c)

# A dotted class name.
class Shapes:
    Point = Point


match Point(5, 6):
    case Shapes.Point(x, y=6):
        print("dotted class", x)


# __instancecheck__ of a metaclass decides.
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"


class Magic(metaclass=Meta):
    pass


for v in ["magic", "plain"]:
    match v:
        case Magic():
            print(v, "is Magic")
        case _:
            print(v, "is not Magic")
