# __prepare__, __init_subclass__, __set_name__, __class_getitem__ and the order they run in.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class LoggingDict(dict):
    def __setitem__(self, key, value):
        print("  ns set", key)
        super().__setitem__(key, value)


class PrepMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("__prepare__", mcls.__name__, name, bases, kw)
        return LoggingDict()

    def __new__(mcls, name, bases, ns, **kw):
        print("__new__ ns type", type(ns).__name__)
        return super().__new__(mcls, name, bases, dict(ns))


class P(metaclass=PrepMeta, flag=True):
    "doc of P"
    a = 1

    def f(self):
        pass


print(P.a, P.__doc__)


class BadPrep(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 1


try:
    class Q(metaclass=BadPrep):
        pass
except TypeError as e:
    print("TypeError:", e)


# __init_subclass__ with keywords
class Plugin:
    registry = []

    def __init_subclass__(cls, /, name=None, **kwargs):
        print("init_subclass", cls.__name__, name, kwargs)
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name
        Plugin.registry.append(cls.__name__)


class One(Plugin, name="one"):
    pass


class Two(One):
    pass


print(Plugin.registry, One.plugin_name, Two.plugin_name)

try:
    class Three(Plugin, name="three", extra=1):
        pass
except TypeError as e:
    print("TypeError:", e)


class Base2:
    @classmethod
    def __init_subclass__(cls, **kw):
        print("explicit classmethod init_subclass", cls.__name__, kw)


class Derived2(Base2, k=3):
    pass


# __init_subclass__ is an implicit classmethod
print(type(Plugin.__dict__["__init_subclass__"]).__name__)


# __set_name__
class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset:" + self.name)

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value * 2


class Model:
    x = Field()
    y = Field()

    def __init_subclass__(cls):
        print("init_subclass after set_name?", cls.__name__)


class Sub(Model):
    z = Field()


m = Sub()
m.x = 5
print(m.x, m.y, Model.x.name, Sub.z.name)


class Broken:
    def __set_name__(self, owner, name):
        raise ValueError("bad " + name)


try:
    class HasBroken:
        b = Broken()
except ValueError as e:
    print("ValueError:", e, getattr(e, "__notes__", None))


class NotCallableSetName:
    __set_name__ = 5


try:
    class HasNC:
        n = NotCallableSetName()
except TypeError as e:
    print("TypeError:", e)


# __class_getitem__
class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__ if isinstance(item, type) else item}]"


print(Box[int], Box["x"], Box[1, 2])
print(type(Box.__dict__["__class_getitem__"]).__name__)


class NoGetItem:
    pass


check(lambda: NoGetItem[int])
check(lambda: NoGetItem()[0])


# order of operations: __set_name__ before __init_subclass__
class Order:
    def __init_subclass__(cls):
        print("Order.__init_subclass__", cls.__name__, hasattr(cls, "f"), cls.f.name)


class O2(Order):
    f = Field()
