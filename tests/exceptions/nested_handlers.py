# Exceptions raised inside handlers and finally blocks; handler search order.
def level3():
    raise IndexError("deep")


def level2():
    try:
        level3()
    except KeyError:
        print("level2 never handles IndexError")


def level1():
    try:
        level2()
    except IndexError as e:
        print("level1 caught", repr(e))
        return "handled"


print(level1())

try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
    finally:
        print("finally still runs")
except TypeError as e:
    print("got", repr(e), "context", repr(e.__context__))

try:
    try:
        raise ValueError("hidden")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    print("got", repr(e), "context", repr(e.__context__))

try:
    try:
        raise ValueError("inner")
    except ValueError:
        try:
            raise KeyError("innermost")
        except KeyError:
            pass
        raise
except ValueError as e:
    print("bare raise re-raises the current handler's exception:", repr(e))
