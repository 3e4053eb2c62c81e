# Subclasses of property, classmethod and staticmethod that define __get__ bind through it, including when
# it delegates to the built-in __get__ with super().


class LoggedProperty(property):
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return "logged " + str(super().__get__(obj, objtype))


class TaggedClassMethod(classmethod):
    def __get__(self, obj, objtype=None):
        bound = super().__get__(obj, objtype)
        return lambda *a: ("tagged", bound(*a))


class TaggedStaticMethod(staticmethod):
    def __get__(self, obj, objtype=None):
        f = super().__get__(obj, objtype)
        return lambda *a: ("static", f(*a))


class PlainSub(property):
    pass


class C:
    lp = LoggedProperty(lambda self: 42)
    ps = PlainSub(lambda self: "plain sub")

    @TaggedClassMethod
    def make(cls, x):
        return cls.__name__, x

    @TaggedStaticMethod
    def twice(x):
        return x * 2


c = C()
for _ in range(2):
    print(c.lp, c.ps, c.make(1), C.make(2), c.twice(3), C.twice(4))
print(type(C.lp).__name__, type(C.__dict__["make"]).__name__)
