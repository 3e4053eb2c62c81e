# isinstance() with a class the object's type does not derive from: the answer may come from the object's
# __class__ attribute, which crabby skips reading only while it is object's own descriptor.


class A:
    pass


class B:
    pass


class Proxy:
    def __init__(self, target):
        self._t = target

    @property
    def __class__(self):
        return type(self._t)


a, b = A(), B()
for _ in range(3):
    print(isinstance(a, B), isinstance(Proxy(b), B), isinstance(Proxy(b), Proxy), isinstance(b, (A, B)))


# A __getattribute__ added to a base after instances were checked, then removed.
class Base0:
    pass


class Late(Base0):
    pass


x = Late()
print(isinstance(x, A))
Base0.__getattribute__ = lambda self, n: A if n == "__class__" else object.__getattribute__(self, n)
print(isinstance(x, A), isinstance(x, Late))
del Base0.__getattribute__
print(isinstance(x, A), isinstance(x, Late))


# A __getattribute__ that answers __class__.
class Liar:
    def __getattribute__(self, name):
        if name == "__class__":
            return A
        return object.__getattribute__(self, name)


print(isinstance(Liar(), A), isinstance(Liar(), B))


# A subclass inherits the property; a class assigning __class__ = some class does not lie.
class ProxySub(Proxy):
    pass


print(isinstance(ProxySub(a), A), isinstance(ProxySub(a), B))


class Plain:
    __class__ = A


print(isinstance(Plain(), A))
