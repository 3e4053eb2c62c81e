# `obj.__class__` at one attribute site across types, including classes whose `__class__` is not object's
# descriptor, a custom `__getattribute__`, and an instance `__dict__` entry (the descriptor wins over it).


class Plain:
    pass


class Child(Plain):
    pass


class Masked:
    @property
    def __class__(self):
        return int


class Intercept:
    def __getattribute__(self, name):
        if name == "__class__":
            return "intercepted"
        return object.__getattribute__(self, name)


class Later:
    pass


class WithDict:
    def __init__(self):
        self.__dict__["__class__"] = "from the instance dict"


def class_of(o):
    return o.__class__


def name_of(o):
    c = o.__class__
    return c if isinstance(c, str) else c.__name__


values = [Plain(), Child(), 3, 2.5, "s", None, True, (1,), [1], {}, Masked(), Intercept(), WithDict(), Plain]
for round_ in range(3):
    print(round_, [name_of(v) for v in values])

later = Later()
for _ in range(3):
    print(class_of(later).__name__)
later.__dict__["__class__"] = "shadow"
print(class_of(later).__name__)


# A call through the site: `o.__class__(...)` makes another instance of the same class.
class Point:
    def __init__(self, x):
        self.x = x

    def moved(self, d):
        return self.__class__(self.x + d)


class Point3(Point):
    pass


p = Point(1)
for _ in range(3):
    p = p.moved(2)
print(type(p).__name__, p.x)
q = Point3(0).moved(5)
print(type(q).__name__, q.x)


# The comparison dataclasses generate reads `__class__` on both operands.
def same_kind(a, b):
    return a.__class__ is b.__class__


print(same_kind(Plain(), Plain()), same_kind(Plain(), Child()), same_kind(1, True), same_kind(Masked(), 5))
