# abc: abstract methods block instantiation; register() makes virtual subclasses; collections.abc checks.
import abc
from collections.abc import Iterable, Mapping, Sequence, Sized


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @property
    @abc.abstractmethod
    def name(self):
        ...


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s

    @property
    def name(self):
        return "square"


try:
    Shape()
except TypeError as e:
    print("TypeError", e)


class Half(Shape):
    def area(self):
        return 0


try:
    Half()
except TypeError as e:
    print("TypeError", e)
sq = Square(3)
print(sq.area(), sq.name, isinstance(sq, Shape), sorted(Shape.__abstractmethods__))


class Duck:
    def __len__(self):
        return 2


print(isinstance(Duck(), Sized), isinstance(Duck(), Iterable), issubclass(list, Sequence), isinstance({}, Mapping))


class MyABC(abc.ABC):
    pass


MyABC.register(tuple)
print(issubclass(tuple, MyABC), isinstance((), MyABC), issubclass(list, MyABC), type(MyABC).__name__)
