# typing.NamedTuple classes are built on collections.namedtuple.
from typing import NamedTuple


class Employee(NamedTuple):
    name: str
    id: int = 3

    def describe(self):
        return f"{self.name}#{self.id}"


e = Employee("Guido")
print(e, e.describe(), e._fields, e._field_defaults, Employee.__annotations__)
print(e._replace(id=7), isinstance(e, tuple))
Pair = NamedTuple("Pair", [("left", int), ("right", int)])
print(Pair(1, 2), Pair._fields)
