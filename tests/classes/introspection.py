# dir(), vars(), __dict__, __class__, __name__/__qualname__/__module__/__doc__, class decorators.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


def deco(cls):
    cls.decorated = True
    return cls


def deco_args(tag):
    def wrap(cls):
        cls.tag = tag
        return cls
    return wrap


@deco
@deco_args("t")
class Outer:
    "Outer docstring."
    class_attr = 1

    class Inner:
        class Deepest:
            pass

        def method(self):
            class Local:
                pass
            return Local

    def __init__(self):
        self.inst = 2

    def method(self):
        pass


print(Outer.decorated, Outer.tag, Outer.__doc__, Outer.__name__, Outer.__qualname__, Outer.__module__)
print(Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__, Outer.Inner().method().__qualname__)
print(Outer.method.__qualname__, Outer.Inner.method.__qualname__)
print(repr(Outer.Inner.Deepest), repr(Outer.Inner().method()))


class NoDoc:
    pass


print(NoDoc.__doc__, NoDoc().__doc__)
o = Outer()
print(o.__class__ is Outer, type(o) is Outer, o.__class__.__name__, Outer.__class__.__name__)
print(sorted(k for k in Outer.__dict__ if not k.startswith("__")))
print(sorted(k for k in vars(Outer) if k.startswith("__")))
print(vars(o), o.__dict__)
print([d for d in dir(o) if not d.startswith("__")])
print([d for d in dir(Outer) if not d.startswith("__")])
print("__init__" in dir(o), "__class__" in dir(o), "__dict__" in dir(o), "mro" in dir(Outer), "mro" in dir(type))
check(lambda: vars(1))
print(sorted(dir(NoDoc)) == sorted(dir(NoDoc())))


class WithDir:
    def __dir__(self):
        return ["b", "a", "c"]


print(dir(WithDir()))


class BadDir:
    def __dir__(self):
        return 5


check(lambda: dir(BadDir()))

# __name__/__qualname__ assignment
class Renamed:
    pass


Renamed.__name__ = "NewName"
Renamed.__qualname__ = "Q.NewName"
print(Renamed.__name__, Renamed.__qualname__, repr(Renamed))
check(lambda: setattr(Renamed, "__name__", 5))
check(lambda: setattr(Renamed, "__qualname__", 5))
Renamed.__doc__ = "set later"
print(Renamed.__doc__)
Renamed.__module__ = "elsewhere"
print(repr(Renamed))
check(lambda: setattr(int, "__name__", "x"))

# __module__ in the class body and explicit override
class ExplicitModule:
    __module__ = "mymod"


print(ExplicitModule.__module__, repr(ExplicitModule))


class BodyNames:
    print("in body:", __name__, __module__, __qualname__)
    x = 1
    y = x + 1


print(BodyNames.y)


# class body sees globals, not enclosing class names
z = "global z"


class Scoping:
    z = "class z"

    def get_z(self):
        return z

    lam = lambda self: z
    comp = [z for _ in range(1)]


print(Scoping().get_z(), Scoping().lam(), Scoping.comp)


def factory(v):
    class Made:
        value = v

        def get(self):
            return v
    return Made


M1, M2 = factory(1), factory(2)
print(M1.value, M2().get(), M1.__qualname__, M1 is M2)

# type(x) for many values
print([type(x).__name__ for x in (1, "a", None, [], Outer, o, len, Outer.method, o.method, type)])


# hasattr / getattr with defaults on classes
print(hasattr(Outer, "class_attr"), getattr(Outer, "missing", "dflt"), hasattr(o, "inst"))


# Did-you-mean suggestions appear only in tracebacks, not str(e)
class Sugg:
    def __init__(self):
        self.value = 1


try:
    Sugg().valeu
except AttributeError as e:
    print(e, e.name, e.obj.__class__.__name__)
try:
    Sugg.valeu
except AttributeError as e:
    print(e, e.name)
Sugg().valeu
