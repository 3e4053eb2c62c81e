# Catching builtin exceptions by exact class, base class, tuple, and bare except.
def attempt(label, fn):
    try:
        result = fn()
    except ZeroDivisionError as e:
        print(label, "ZeroDivisionError:", e)
    except (KeyError, IndexError) as e:
        print(label, "lookup:", type(e).__name__, repr(e))
    except ArithmeticError as e:
        print(label, "arithmetic:", type(e).__name__, e)
    except Exception as e:
        print(label, "other:", type(e).__name__, e)
    else:
        print(label, "ok:", result)


attempt("div", lambda: 1 / 0)
attempt("mod", lambda: 5 % 0)
attempt("floordiv", lambda: 5 // 0)
attempt("fdiv", lambda: 5.0 / 0)
attempt("key", lambda: {}["k"])
attempt("index", lambda: [][0])
attempt("tuple index", lambda: (1,)[5])
attempt("str index", lambda: "abc"[10])
attempt("overflow", lambda: float(2 ** 2000))
attempt("type", lambda: 1 + "a")
attempt("value", lambda: int("x"))
attempt("name", lambda: undefined_name)
attempt("attr", lambda: (5).foo)
attempt("fine", lambda: 42)

try:
    [].pop()
except:
    print("bare except caught something")

try:
    try:
        {}["inner"]
    except IndexError:
        print("wrong handler")
except LookupError as e:
    print("outer handler got", repr(e))
