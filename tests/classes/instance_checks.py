# __instancecheck__/__subclasscheck__ on metaclasses, __mro_entries__, __classcell__ propagation errors.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class DuckMeta(type):
    def __instancecheck__(cls, obj):
        print("instancecheck", cls.__name__, type(obj).__name__)
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        print("subclasscheck", cls.__name__, sub.__name__)
        return hasattr(sub, "quack")


class Duck(metaclass=DuckMeta):
    pass


class Mallard:
    def quack(self):
        return "quack"


class Dog:
    pass


print(isinstance(Mallard(), Duck), isinstance(Dog(), Duck), isinstance(Duck(), Duck))
print(issubclass(Mallard, Duck), issubclass(Dog, Duck))
print(isinstance(Mallard(), (int, Duck)), issubclass(Dog, (Duck, Dog)))


class Registry(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls._registered = set()

    def register(cls, sub):
        cls._registered.add(sub)
        return sub

    def __instancecheck__(cls, obj):
        return type(obj) in cls._registered or super().__instancecheck__(obj)

    def __subclasscheck__(cls, sub):
        return sub in cls._registered or super().__subclasscheck__(sub)


class Base(metaclass=Registry):
    pass


class Child(Base):
    pass


@Base.register
class Virtual:
    pass


print(isinstance(Virtual(), Base), issubclass(Virtual, Base), isinstance(Child(), Base), issubclass(int, Base))
print(isinstance(3, Base), issubclass(Child, Base), Virtual in Base._registered)
check(lambda: issubclass(3, Base))
check(lambda: isinstance(3, Duck()))


# An instance claiming another class through __class__
class Proxy:
    def __init__(self, target):
        self._target = target

    @property
    def __class__(self):
        return type(self._target)


p = Proxy([1, 2])
print(isinstance(p, list), type(p).__name__, p.__class__.__name__, isinstance(p, Proxy))


# __mro_entries__ on a non-class base
class Entry:
    def __mro_entries__(self, bases):
        print("mro_entries", len(bases))
        return (dict,)


class FromEntry(Entry()):
    pass


print([c.__name__ for c in FromEntry.__mro__], [type(b).__name__ for b in FromEntry.__orig_bases__])


class BadEntry:
    def __mro_entries__(self, bases):
        return [dict]


try:
    class FromBad(BadEntry()):
        pass
except TypeError as e:
    print("TypeError:", e)


# A metaclass __new__ that drops __classcell__
class DropCell(type):
    def __new__(mcls, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcls, name, bases, ns)


try:
    class UsesSuper(metaclass=DropCell):
        def m(self):
            return super().m()
except RuntimeError as e:
    print("RuntimeError:", e)


# __classcell__ of the wrong type
class BadCell(type):
    def __new__(mcls, name, bases, ns):
        ns["__classcell__"] = 5
        return super().__new__(mcls, name, bases, ns)


try:
    class UsesCell(metaclass=BadCell):
        pass
except TypeError as e:
    print("TypeError:", e)


# A metaclass returning a different class than asked for: the cell points at the wrong class
class Swap(type):
    def __new__(mcls, name, bases, ns):
        other = super().__new__(mcls, name + "Other", bases, {})
        super().__new__(mcls, name, bases, ns)
        return other


try:
    class Swapped(metaclass=Swap):
        def m(self):
            return __class__
except TypeError as e:
    print("TypeError:", e)

# type.__instancecheck__ called directly
print(type.__instancecheck__(int, 3), type.__subclasscheck__(object, bool))
