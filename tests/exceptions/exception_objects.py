# args, str() and repr() of builtin exception instances.
excs = [
    ValueError(),
    ValueError("bad value"),
    ValueError("two", 2),
    KeyError("k"),
    KeyError(),
    KeyError("a", "b"),
    IndexError("idx"),
    TypeError(None),
    Exception(42),
    RuntimeError(""),
    ZeroDivisionError("custom"),
    StopIteration(7),
    AssertionError("assert"),
    NotImplementedError("later"),
    SystemExit(3),
    KeyboardInterrupt(),
]
for e in excs:
    print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)

print(isinstance(KeyError(), LookupError), isinstance(KeyError(), Exception))
print(isinstance(SystemExit(), Exception), isinstance(SystemExit(), BaseException))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(UnboundLocalError, NameError))
print(issubclass(RecursionError, RuntimeError), issubclass(ModuleNotFoundError, ImportError))
print(issubclass(FileNotFoundError, OSError), issubclass(bool, int))
print(ValueError.__name__, type(ValueError("x")) is ValueError)
e = ValueError("x")
print(e.__cause__, e.__context__, e.__suppress_context__)

try:
    raise KeyError("missing key")
except KeyError as err:
    print(err, repr(err), err.args[0])
