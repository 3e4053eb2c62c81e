# try/except* (PEP 654): naked exceptions wrapped, each clause splitting off its match, sys.exception() in the
# handlers, raised and unhandled parts merged and re-raised (CPython's _PyExc_PrepReraiseStar), else/finally,
# and the run-time TypeErrors for invalid clause types.
import sys
def f():
    try:
        raise ValueError(1)
    except* ValueError as e:
        print(repr(e), repr(sys.exception()), e.__traceback__, e.exceptions[0].__traceback__.tb_lineno)
f()
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
except* ValueError as e:
    print("V", repr(e), repr(sys.exception()))
except* TypeError as e:
    print("T", repr(e), repr(sys.exception()))
    print(sys.exc_info()[0])
except* KeyError:
    print("K", repr(sys.exception()))
print("after", sys.exception())
# reraise identity
eg = ExceptionGroup("eg", [ValueError(1), TypeError(2)])
try:
    try:
        raise eg
    except* ValueError:
        raise
except ExceptionGroup as x:
    print("reraise all", x is eg, repr(x))
try:
    try:
        raise eg
    except* ValueError:
        pass
except ExceptionGroup as x:
    print("rest", x is eg, repr(x))
try:
    try:
        raise eg
    except* ValueError:
        raise KeyError("new")
except ExceptionGroup as x:
    print("raised", x is eg, repr(x), repr(x.exceptions[0].__context__))
try:
    try:
        raise ValueError(5)
    except* ValueError:
        raise
except ValueError as x:
    print("naked reraise", repr(x))
except ExceptionGroup as x:
    print("naked reraise eg", repr(x))
try:
    try:
        raise ValueError(5)
    except* TypeError:
        pass
except ValueError as x:
    print("naked unmatched", repr(x))
except ExceptionGroup as x:
    print("naked unmatched eg", repr(x))
try:
    try:
        raise ValueError(5)
    except* ValueError:
        raise KeyError(1)
except BaseException as x:
    print("naked raise new", repr(x), repr(x.__context__))
try:
    try:
        raise eg
    except* ExceptionGroup:
        pass
except TypeError as x:
    print(x, repr(x.__context__))
try:
    try:
        raise eg
    except* (ValueError, BaseExceptionGroup):
        pass
except TypeError as x:
    print(x, repr(x.__context__))
try:
    try:
        raise eg
    except* 1:
        pass
except TypeError as x:
    print(x)
for n in range(3):
    try:
        if n == 1: raise eg
        if n == 2: raise OSError(2, "x")
        print("body ok")
    except* OSError as e:
        print("os", repr(e))
    except* ValueError as e:
        print("val", repr(e))
        try:
            raise TypeError("inner") 
        except TypeError:
            print("inner handled")
    except* TypeError as e:
        print("type", repr(e))
    else:
        print("else")
    finally:
        print("finally", sys.exception())
try:
    try:
        raise eg
    except* ValueError:
        raise TypeError("a")
    except* TypeError:
        raise KeyError("b")
except ExceptionGroup as x:
    print(repr(x), [repr(y.__context__) for y in x.exceptions])
try:
    eg3 = ExceptionGroup("eg3", [ValueError(1), ExceptionGroup("sub", [TypeError(2), ValueError(3)])])
    try:
        raise eg3
    except* ValueError as e:
        print(repr(e))
        raise
except ExceptionGroup as x:
    print(repr(x), x is eg3)
try:
    try:
        raise eg3
    except* ValueError as e:
        raise e.exceptions[1]
except ExceptionGroup as x:
    print(repr(x))


def gen():
    try:
        yield 1
        raise ExceptionGroup("g", [ValueError("in gen"), KeyError("k")])
    except* ValueError as e:
        yield repr(e)
        yield repr(sys.exception())
    except* KeyError as e:
        yield "key " + repr(e)


print(list(gen()))


def handler_locals():
    count = 0
    try:
        raise ExceptionGroup("x", [ValueError(1), ValueError(2), TypeError(3)])
    except* ValueError as e:
        count += len(e.exceptions)
        for x in e.exceptions:
            if x.args[0] == 2:
                break
        else:
            count = -1
    except* TypeError:
        count += 100
    try:
        e
    except NameError as ne:
        print("name cleared:", ne)
    return count


print(handler_locals())
try:
    try:
        raise ExceptionGroup("outer", [ValueError(1)])
    except* ValueError:
        try:
            raise ExceptionGroup("inner", [TypeError(2)])
        except* TypeError as t:
            print("inner", repr(t), repr(sys.exception()))
            raise
except ExceptionGroup as x:
    print("outer result", repr(x), repr(x.exceptions[0].__context__))
