# Module attribute loads and module method calls keep CPython's semantics while the module changes: rebinding,
# deleting, module __getattr__, writes through __dict__, values that are not immortal, and other modules at one site.
import sys
import types
import helper
import other
import math
import os.path


def call_f(m):
    return m.f()


def read_counter(m):
    return m.counter


out = []
for i in range(6):
    out.append(call_f(helper))
    if i == 2:
        helper.f = helper.g
print(out)

# A function in the module rebinding its own global: every read sees the new value.
seen = []
for i in range(5):
    helper.bump()
    seen.append(read_counter(helper))
print(seen)

# Deleting the attribute, then a module __getattr__, then the attribute again.
del helper.f
try:
    call_f(helper)
except AttributeError as e:
    print("AttributeError:", e)
helper.__getattr__ = lambda name: (lambda: "from __getattr__ " + name)
print(call_f(helper))
helper.f = lambda: "lambda f"
print(call_f(helper))
del helper.__getattr__
del helper.f

# Writes through the module's __dict__ and through setattr.
helper.__dict__["f"] = lambda: "via __dict__"
print(call_f(helper))
setattr(helper, "f", lambda: "via setattr")
print(call_f(helper))

# Mortal values (a list, a float) read through a site.
def table_sum(m):
    return sum(m.table)


sums = []
for i in range(4):
    sums.append(table_sum(helper))
    helper.table = helper.table + [i]
print(sums, helper.pi)

# Several modules at one site, and names the module type answers.
print([call_f(m) for m in (helper, other, helper, other)])
print(helper.__name__, other.__name__, type(helper.__dict__).__name__, helper.__class__.__name__)
print(math.sqrt(16.0), math.floor(2.5), os.path.join("a", "b"), os.path.basename("/x/y.py"))


# Classes and constants from another module in a loop.
pts = [helper.Point(i) for i in range(3)]
print([p.x for p in pts], sys.modules["helper"] is helper)
