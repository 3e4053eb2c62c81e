# BaseExceptionGroup / ExceptionGroup (PEP 654): constructor rules and messages, message/exceptions/args,
# str and repr, split/subgroup/derive (by type, tuple of types, predicate), metadata kept on derived groups,
# subclasses with their own derive.
eg = ExceptionGroup("msg", [ValueError(1), TypeError("t")])
print(repr(eg), str(eg), eg.args, eg.message, eg.exceptions, type(eg.exceptions))
print(vars(eg))
b = BaseExceptionGroup("m", [ValueError(1)])
print(type(b), repr(b))
b = BaseExceptionGroup("m", [KeyboardInterrupt()])
print(type(b), repr(b), str(b))
for args in [("m",), ("m", 1), ("m", []), ("m", [1]), (1, [ValueError()]), ("m", (ValueError(),)),
             ("m", [KeyboardInterrupt()]), ("m", None), ("m", (x for x in [ValueError()]))]:
    try:
        print(repr(ExceptionGroup(*args)))
    except Exception as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("m", [ValueError()], x=1)
except TypeError as e:
    print(e)
try:
    BaseExceptionGroup()
except TypeError as e:
    print(e)
try:
    BaseExceptionGroup.__new__(int, "m", [])
except TypeError as e:
    print(e)
print(BaseExceptionGroup.__mro__)
print(ExceptionGroup.__mro__, ExceptionGroup.__bases__)
print(ExceptionGroup[int], BaseExceptionGroup[int])
print(str(ExceptionGroup("x", [ValueError()])))
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))


class MyEG(ExceptionGroup):
    pass


m = MyEG("a", [ValueError(3)])
print(repr(m), str(m), type(m.subgroup(ValueError)), type(m.derive([KeyError()])))


class MyEG2(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj

    def __init__(self, message, excs, code):
        super().__init__(message, excs)

    def derive(self, excs):
        return MyEG2(self.message, excs, self.code)


m = MyEG2("a", [ValueError(3), TypeError(4)], 42)
print(repr(m), m.args)
s = m.subgroup(ValueError)
print(repr(s), s.code)
print(m.split(TypeError))


class E(BaseExceptionGroup):
    pass


print(type(E("m", [ValueError()])))
try:
    MyEG("m", [KeyboardInterrupt()])
except TypeError as e:
    print(e)

print(eg.subgroup(lambda e: isinstance(e, ValueError)))
print(eg.subgroup((ValueError, TypeError)) is eg, eg.subgroup(BaseException) is eg)
print(eg.subgroup(OSError))
print(eg.split(OSError), eg.split(OSError)[1] is eg)
print(eg.split(ValueError))
nested = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)])
print(repr(nested.split(ValueError)))
print(repr(nested.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")))
print(repr(nested.split(lambda e: not isinstance(e, ExceptionGroup) and e.args[0] % 2 == 0)))
nested.add_note("note1")
try:
    raise nested
except ExceptionGroup as e:
    c = ValueError("cause")
    e.__cause__ = c
    e.__context__ = KeyError("ctx")
    match, rest = e.split(ValueError)
    print(match.__cause__ is c, repr(match.__context__), match.__notes__, match.__notes__ is e.__notes__)
    print(match.__suppress_context__, rest.__notes__, rest.__traceback__.tb_lineno == e.__traceback__.tb_lineno)
    print(match.exceptions[1].__traceback__)
d = eg.derive([KeyError(1)])
print(repr(d), d.__traceback__, type(d), d.__cause__)
print(type(eg.derive([KeyboardInterrupt()])))
for bad in (1, (ValueError, 1), [ValueError], int):
    try:
        eg.split(bad)
    except TypeError as e:
        print(e)
try:
    eg.subgroup()
except TypeError as e:
    print(e)
try:
    eg.split(ValueError, TypeError)
except TypeError as e:
    print(e)


class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 1


try:
    BadDerive("m", [ValueError(), TypeError()]).split(ValueError)
except TypeError as e:
    print(e)
eg2 = ExceptionGroup("m", [ValueError(1)])
eg2.__init__("x", [])
print(repr(eg2), eg2.args, eg2.message, str(eg2))
print(ExceptionGroup("m", [ValueError(1)] * 2))
