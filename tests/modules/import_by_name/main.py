# importlib.import_module and __import__ with names chosen at run time: modules compiled into the program
# (named by a literal, or a standard-library name in a string) import on first use; others raise
# ModuleNotFoundError as in CPython.
import importlib
import importlib.util
import sys

print("helper" in sys.modules)
helper = importlib.import_module("helper")
print(helper.NAME, helper.__name__, "helper" in sys.modules, importlib.import_module("helper") is helper)

# A package and its submodule, chosen from a list.
names = ["plugins.alpha", "json"]
alpha = importlib.import_module(names[0])
print(alpha.run(), alpha.__name__, alpha.__package__, "plugins" in sys.modules, sys.modules["plugins"].alpha is alpha)
json_mod = importlib.import_module(names[1])
print(json_mod.dumps({"a": [1, 2]}), json_mod.__name__)

# A native module, not imported yet by anything else.
binascii = importlib.import_module("binascii")
print(binascii.hexlify(b"hi"))

# __import__ returns the top package unless a fromlist is given.
top = __import__("plugins.alpha")
print(top.__name__, __import__("plugins.alpha", fromlist=["run"]).__name__)

spec = importlib.util.find_spec("colorsys")
print(spec is not None and spec.name)
print(importlib.util.find_spec("no_such_module_xyz"))

for missing in ["no_such_module_xyz", "plugins.missing", "helper.sub"]:
    try:
        importlib.import_module(missing)
    except ModuleNotFoundError as e:
        print(type(e).__name__, e, e.name)
try:
    __import__("no_such_module_xyz")
except ModuleNotFoundError as e:
    print("__import__:", e, e.name)
