# __getattribute__, __getattr__, __setattr__, __delattr__ and the order of attribute lookup.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Lazy:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith("x"):
            return "computed " + name
        raise AttributeError(f"no {name} here")


l = Lazy()
print(l.real, l.xyz)
check(lambda: l.abc)
print(getattr(l, "x1"), getattr(l, "nope", "default"), hasattr(l, "x"), hasattr(l, "y"))


class Tracing:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.log.append("set " + name)
        object.__setattr__(self, name, value * 10 if isinstance(value, int) else value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)

    def method(self):
        return "m"


t = Tracing()
t.a = 2
print(t.a, t.method())
del t.a
check(lambda: t.a)
print(t.log)
check(lambda: delattr(t, "zzz"))


class GetattributeRaises:
    def __getattribute__(self, name):
        raise AttributeError("blocked " + name)

    def __getattr__(self, name):
        return "fallback " + name


print(GetattributeRaises().anything)


class GetattributeOtherError:
    def __getattribute__(self, name):
        raise KeyError(name)

    def __getattr__(self, name):
        return "never"


check(lambda: GetattributeOtherError().q)


# Setting and deleting class attributes, and shadowing order
class Shadow:
    attr = "class"

    def meth(self):
        return "class meth"


s = Shadow()
print(s.attr)
s.attr = "instance"
print(s.attr, Shadow.attr)
del s.attr
print(s.attr)
check(lambda: delattr(s, "attr"))
s.meth = lambda: "instance meth"
print(s.meth())
Shadow.attr = "changed"
print(s.attr)
del Shadow.attr
check(lambda: s.attr)
check(lambda: delattr(Shadow, "attr"))
Shadow.new_method = lambda self: "added later"
print(s.new_method())

# __dict__ manipulation
s.__dict__["direct"] = 5
print(s.direct, sorted(s.__dict__), sorted(vars(s)))
s.__dict__ = {"replaced": 1}
print(s.replaced)
check(lambda: setattr(s, "__dict__", 5))
print("replaced" in Shadow.__dict__, "meth" in Shadow.__dict__, type(Shadow.__dict__).__name__)
check(lambda: Shadow.__dict__.__setitem__("x", 1))

# getattr/setattr/delattr argument errors
check(lambda: getattr(s, 1))
check(lambda: setattr(s, 1, 2))
check(lambda: delattr(s, 1))
check(lambda: getattr(s))
check(lambda: hasattr(s, 1))

# Attributes on built-in instances and types
check(lambda: setattr(1, "x", 1))
check(lambda: setattr([], "x", 1))
check(lambda: setattr(object(), "x", 1))
check(lambda: setattr(int, "x", 1))
check(lambda: delattr(int, "real"))
check(lambda: setattr(str, "upper", 1))
check(lambda: (1).nope)
check(lambda: int.nope)
check(lambda: object().nope)


# __getattr__ is not used for special method lookup
class Dyn:
    def __getattr__(self, name):
        return lambda *a: "dyn " + name


d = Dyn()
print(d.__len__())
check(lambda: len(d))
check(lambda: d + 1)


# __getattribute__ on the metaclass affects class attribute access
class Meta(type):
    def __getattr__(cls, name):
        return "meta getattr " + name


class WithMeta(metaclass=Meta):
    present = 1


print(WithMeta.present, WithMeta.absent)
check(lambda: WithMeta().absent)

# name mangling interplay
class Private:
    def __init__(self):
        self.__secret = 1

    def get(self):
        return self.__secret


p = Private()
print(p.get(), p._Private__secret, sorted(vars(p)))
check(lambda: p.__secret)
