# User exception classes: args, str, repr, __cause__/__context__, __traceback__, with_traceback, add_note.
class AppError(Exception):
    pass


class CodeError(AppError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code


class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a


class WithStr(Exception):
    def __str__(self):
        return "custom str"


class WithRepr(Exception):
    def __repr__(self):
        return "custom repr"


e = AppError("x", 1)
print(e.args, str(e), repr(e), isinstance(e, Exception))
c = CodeError(404, "not found")
print(c.args, str(c), repr(c), c.code)
n = NoSuper(1, 2)
print(n.args, str(n), repr(n))
print(str(WithStr("a")), repr(WithStr("a")), str(WithRepr("b")), repr(WithRepr("b")))
print(repr(AppError()), str(AppError()), repr(AppError("one")), str(AppError(1)))

try:
    try:
        raise KeyError("inner")
    except KeyError as inner:
        raise CodeError(1, "outer") from inner
except CodeError as err:
    print(type(err.__cause__).__name__, err.__suppress_context__, type(err.__context__).__name__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise AppError("during")
except AppError as err:
    print(type(err.__context__).__name__, err.__cause__, err.__suppress_context__)

err = AppError("tb")
print(err.__traceback__)
try:
    raise err
except AppError as caught:
    print(caught is err)

w = AppError("w").with_traceback(None)
print(type(w).__name__)
err.add_note("note 1")
err.add_note("note 2")
print(err.__notes__)
try:
    err.add_note(5)
except TypeError as te:
    print("TypeError:", te)

# args assignment
e2 = AppError(1)
e2.args = ("a", "b")
print(e2, repr(e2))
e2.args = [1]
print(e2.args)

# exception attributes and __dict__
e3 = CodeError(5, "m")
print(sorted(vars(e3)), e3.__dict__)


# Exception with __init__ that doesn't call super but passes args via __new__
class Both(Exception):
    def __init__(self, x):
        self.x = x


b = Both(7)
print(b.args, b.x, str(b))


# Catching by base, and except tuples with user classes
for exc in (AppError("a"), CodeError(1, "c"), ValueError("v")):
    try:
        raise exc
    except (CodeError, ValueError) as caught:
        print("specific", type(caught).__name__)
    except AppError as caught:
        print("base", type(caught).__name__)


# BaseException subclasses
class Stop(BaseException):
    pass


try:
    try:
        raise Stop("s")
    except Exception:
        print("not here")
except BaseException as be:
    print("BaseException caught", be)


# multiple inheritance with built-in exceptions
class MyKeyLookup(KeyError, AppError):
    pass


try:
    raise MyKeyLookup("k")
except AppError as mk:
    print("caught as AppError", repr(mk), str(mk), [c.__name__ for c in MyKeyLookup.__mro__])


# raising a class instantiates it
try:
    raise AppError
except AppError as a:
    print("class raised", a.args)


class NotAnException:
    pass


try:
    raise NotAnException
except TypeError as te:
    print("TypeError:", te)

try:
    raise NotAnException()
except TypeError as te:
    print("TypeError:", te)

try:
    try:
        pass
    except NotAnException:
        pass
    raise ValueError
except ValueError:
    print("ok, handler not evaluated")


# exception class with custom __new__
class Custom(Exception):
    def __new__(cls, *args):
        self = super().__new__(cls, *args)
        self.from_new = True
        return self


cu = Custom(1, 2)
print(cu.args, cu.from_new)

# StopIteration value, SystemExit code in subclasses
class MyStop(StopIteration):
    pass


print(MyStop(5).value)

# uncaught user exception in a nested function names the class
class Fatal(CodeError):
    pass


def deep():
    raise Fatal(3, "fatal problem")


deep()
