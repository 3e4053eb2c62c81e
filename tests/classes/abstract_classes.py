# Abstract classes: object.__new__ refuses a class whose __abstractmethods__ is non-empty; property,
# classmethod and staticmethod report __isabstractmethod__ from their functions.
import abc


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self):
        ...


class Two(abc.ABC):
    @abc.abstractmethod
    def g(self):
        ...

    @abc.abstractmethod
    def f(self):
        ...

    @classmethod
    @abc.abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abc.abstractmethod
    def helper():
        ...


for cls in (Base, Two):
    try:
        cls()
    except TypeError as e:
        print(cls.__name__, "TypeError:", e)
    print(sorted(cls.__abstractmethods__))


class Done(Base):
    def f(self):
        return "f"


print(Done().f(), Done.__abstractmethods__)

# A plain class can be made abstract by assigning the attribute, and unmade by emptying it.
class Plain:
    pass


Plain.__abstractmethods__ = frozenset({"x", "a"})
try:
    Plain()
except TypeError as e:
    print("Plain TypeError:", e)
Plain.__abstractmethods__ = frozenset()
print(type(Plain()).__name__)

# object.__new__ called directly checks too.
try:
    object.__new__(Base)
except TypeError as e:
    print("object.__new__:", e)

# Arguments do not change the message.
try:
    Base(1, k=2)
except TypeError as e:
    print("with args:", e)


class WithInit(abc.ABC):
    def __init__(self, x):
        self.x = x

    @abc.abstractmethod
    def run(self):
        ...


try:
    WithInit(3)
except TypeError as e:
    print("WithInit:", e)


def plain():
    pass


def abstract():
    pass


abstract.__isabstractmethod__ = True
print(property(plain).__isabstractmethod__, property(abstract).__isabstractmethod__)
print(property(plain, abstract).__isabstractmethod__, property(None, None, abstract).__isabstractmethod__)
print(property().__isabstractmethod__)
print(classmethod(plain).__isabstractmethod__, classmethod(abstract).__isabstractmethod__)
print(staticmethod(plain).__isabstractmethod__, staticmethod(abstract).__isabstractmethod__)


class Prop(abc.ABC):
    @property
    @abc.abstractmethod
    def value(self):
        ...

    @value.setter
    def value(self, v):
        pass


print(sorted(Prop.__abstractmethods__), Prop.__dict__["value"].__isabstractmethod__)
