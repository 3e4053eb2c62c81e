# _operator: attrgetter, itemgetter and methodcaller.
from _operator import attrgetter, itemgetter, methodcaller


def show(label, fn):
    try:
        r = fn()
        print(label, "->", r if isinstance(r, str) else repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class P:
    def __init__(self, name, age, child=None):
        self.name, self.age, self.child = name, age, child

    def greet(self, greeting="hi", *, punct="!"):
        return f"{greeting} {self.name}{punct}"


people = [P("bob", 30), P("al", 25, P("kid", 2)), P("cy", 41)]
print([attrgetter("name")(p) for p in people], sorted(people, key=attrgetter("age"))[0].name)
print(attrgetter("name", "age")(people[1]), attrgetter("child.name")(people[1]), attrgetter("child.name", "name")(people[1]))
print(attrgetter("__class__.__name__")(1), attrgetter("real", "imag")(3), repr(attrgetter("a", "b.c")))
print(itemgetter(1)([5, 6, 7]), itemgetter(0, -1)("abc"), itemgetter("k")({"k": "v"}), itemgetter(slice(1, None))("abcd"), repr(itemgetter(1, "a")))
rows = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(rows, key=itemgetter(1, 0)), list(map(itemgetter(0), rows)), max(rows, key=itemgetter(1)))
print(methodcaller("upper")("ab"), methodcaller("split", ",", maxsplit=1)("a,b,c"), methodcaller("greet")(people[0]))
print(methodcaller("greet", "yo", punct="?")(people[2]), repr(methodcaller("f", 1, "x", k=[2])), repr(methodcaller("name")))
show("attrgetter()", lambda: attrgetter())
show("attrgetter(1)", lambda: attrgetter(1))
show("attrgetter('a', 1)", lambda: attrgetter("a", 1))
show("attrgetter('a', x=1)", lambda: attrgetter("a", x=1))
show("attrgetter('x')(1)", lambda: attrgetter("x")(1))
show("attrgetter('a')()", lambda: attrgetter("a")())
show("attrgetter('a')(1, 2)", lambda: attrgetter("a")(1, 2))
show("attrgetter('child.x')", lambda: attrgetter("child.x")(people[0]))
show("itemgetter()", lambda: itemgetter())
show("itemgetter(1, x=2)", lambda: itemgetter(1, x=2))
show("itemgetter(5)([])", lambda: itemgetter(5)([]))
show("itemgetter(1)(1)", lambda: itemgetter(1)(1))
show("itemgetter('k')({})", lambda: itemgetter("k")({}))
show("methodcaller()", lambda: methodcaller())
show("methodcaller(1)", lambda: methodcaller(1))
show("methodcaller('nope')(1)", lambda: methodcaller("nope")(1))
show("methodcaller('upper')()", lambda: methodcaller("upper")())
print(type(attrgetter("a")).__name__, type(itemgetter(1)).__module__, type(methodcaller("m")))
