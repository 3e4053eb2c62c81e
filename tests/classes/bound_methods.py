# Bound methods: __self__, __func__, equality, hashing, repr, calling through the class.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class A:
    def m(self, x=1):
        return ("m", x)

    @classmethod
    def c(cls):
        return cls.__name__

    def __repr__(self):
        return "A()"


a = A()
b = A()
m = a.m
print(m(), m(2), m.__self__ is a, m.__func__ is A.m, m.__name__, m.__qualname__)
print(a.m == a.m, a.m is a.m, a.m == b.m, a.m != b.m, hash(a.m) == hash(a.m))
print(repr(a.m))
print(repr(A.c), A.c.__self__ is A, A.c.__func__ is A.__dict__["c"].__func__)
print(A.m(a, 5))
check(lambda: A.m())
check(lambda: a.m(1, 2))
check(lambda: A.m(x=3))
print(type(m).__name__, type(A.m).__name__)
check(lambda: setattr(m, "x", 1))
check(lambda: m.nope)
A.m.tag = "tagged"
print(a.m.tag)
print(m.__doc__, m.__module__)


class B:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__

    def m(self):
        pass


b1, b2 = B(), B()
print(b1.m == b2.m)

# Unbound native methods
print(list.append, repr(str.upper), object.__init__, list.__len__)
print(type(list.append).__name__, type([].append).__name__, type(object.__init__).__name__)
l = []
app = l.append
app(3)
print(l, app.__self__ is l, app.__name__)
print([].append == [].append, l.append == l.append)
print(str.upper("abc"), list.__len__([1, 2]))
check(lambda: str.upper(5))
check(lambda: list.append())

# methods stored as instance attributes are not bound
def free(x=None):
    return x


a.f = free
print(a.f())

# functions as class attributes added later are bound
A.g = free
print(a.g() is a)

# builtins stored as class attributes are not bound
class WithLen:
    l = len


print(WithLen().l([1, 2, 3]))


# callable objects stored as class attributes are not bound
class Callable:
    def __call__(self, *a):
        return a


class HasCallable:
    c = Callable()


print(HasCallable().c(1))


# bound method of a bound method's __func__
class Meth:
    def who(self):
        return type(self).__name__


class Other:
    pass


print(Meth.who(Other()))
print(Meth().who.__func__(Other()))
