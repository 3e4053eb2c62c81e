# NameError's "Did you mean" hint is added when the traceback is printed (CPython's suggestions): the
# closest local variable, else global, else builtin name.
counter = 10


def work():
    total = 0
    for i in range(3):
        total += i
    return totl + countr


try:
    work()
except NameError as e:
    print("caught:", e, e.name)
try:
    lenn("abc")
except NameError as e:
    print("caught:", e, e.name)

src = """
def inner(alpha):
    beta = alpha * 2
    return betta
"""
g = {}
exec(src, g)
try:
    g["inner"](1)
except NameError as e:
    print("caught:", e, e.name)

import traceback

for f in (work, lambda: lenn("x"), lambda: g["inner"](1), lambda: sys.argv, lambda: exec("prnt(1)")):
    try:
        f()
    except NameError as e:
        print(traceback.format_exception_only(e)[-1].rstrip())

sy = 1
exec("def uses_sys():\n    return sys\n", globals())
uses_sys()
