# types: the module imports, and the objects it names behave (closures and cells, code, frames, tracebacks).
import sys
import types


def outer():
    x = 10

    def inner():
        return x

    return inner


f = outer()
print(types.FunctionType is type(f), types.CellType.__name__, type(f.__closure__).__name__, len(f.__closure__))
print(f.__closure__[0].cell_contents, outer.__closure__, f.__code__.co_name, f.__code__.co_filename == __file__)
print(f.__globals__ is globals(), type(f.__builtins__).__name__, "len" in f.__builtins__)


def g(a, b=2, *, c=3):
    return a, b, c


print(g.__defaults__, g.__kwdefaults__, g(1))
g.__defaults__ = (20,)
g.__kwdefaults__ = {"c": 30}
print(g.__defaults__, g.__kwdefaults__, g(1))
g.__defaults__ = None
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
for attr, value in [("__defaults__", 5), ("__kwdefaults__", 5)]:
    try:
        setattr(g, attr, value)
    except TypeError as e:
        print("TypeError", e)
try:
    g.__globals__ = {}
except AttributeError as e:
    print("AttributeError", e)
print(types.GetSetDescriptorType.__name__, types.MemberDescriptorType.__name__)
print(types.TracebackType.__name__, types.FrameType.__name__, types.CodeType.__name__)
print(types.SimpleNamespace(a=1), types.ModuleType.__name__, types.MethodType.__name__)
print(types.BuiltinFunctionType.__name__, types.NoneType, types.EllipsisType, types.NotImplementedType)


def boom():
    raise ValueError("x")


try:
    boom()
except ValueError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next.tb_lineno)
    print(tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_next, tb.tb_frame.f_code.co_filename == __file__)
    print(tb.tb_next.tb_frame.f_back is not None, tb.tb_frame.f_globals is globals())
    e2 = ValueError("y").with_traceback(tb)
    print(e2.__traceback__.tb_lineno, e2.__traceback__.tb_next.tb_frame.f_code.co_name)
    e2.__traceback__ = None
    print(e2.__traceback__)


def who():
    fr = sys._getframe()
    return fr.f_code.co_name, fr.f_back.f_code.co_name, sys._getframe(1).f_code.co_name


def caller():
    return who()


print(caller())
print(sys._getframe().f_code.co_name, sys._getframe().f_globals is globals(), sys._getframe().f_back)
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError", e)
print(types.new_class("K", (object,)).__name__, types.resolve_bases((int,)))
