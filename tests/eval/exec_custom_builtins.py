# A custom `__builtins__` in the globals given to exec/eval: names not found in the globals are looked up
# there (a dict, a module or another mapping), not in the real builtins.
import builtins
import os

try:
    exec("x = len", {"__builtins__": {}})
except NameError as e:
    print("NameError:", e, e.name)

g = {"__builtins__": {"len": lambda s: 99, "print": print}}
exec("print(len('abc'))", g)
print(eval("len([])", g))

# Globals win over builtins.
print(eval("len", {"__builtins__": {"len": 1}, "len": 2}))

# A module: its namespace.
print(eval("abs(-3)", {"__builtins__": builtins}))

# Functions defined by the code keep looking there.
g = {"__builtins__": {"max": min}}
exec("def f(a, b):\n    return max(a, b)\n", g)
print(g["f"](3, 7))

# Class bodies and comprehensions too.
g = {"__name__": "m", "__builtins__": {"str": repr, "range": range, "__build_class__": builtins.__build_class__}}
exec("class C:\n    s = str('q')\nvals = [str(i) for i in range(2)]\n", g)
print(g["C"].s, g["vals"])

# `class` and `import` need `__build_class__` and `__import__` there.
for src in ["class D:\n    pass", "import os", "from os import path"]:
    try:
        exec(src, {"__builtins__": {}})
    except (NameError, ImportError) as e:
        print(type(e).__name__, e, getattr(e, "name", None))
exec("import os\nprint(os.sep)", {"__builtins__": {"__import__": builtins.__import__, "print": print}})

# A mapping that is not a dict.
class Loud(dict):
    def __missing__(self, key):
        return "missing " + key

print(eval("whatever", {"__builtins__": Loud()}))

# Not a mapping at all.
try:
    eval("nothing", {"__builtins__": 3})
except TypeError as e:
    print("TypeError:", e)

# The real builtins are untouched.
print(len("abcd"), "__builtins__" in g)
