# `from m import *`: the names in __all__ (even private ones), else every name not starting with `_`.
from with_all import *
from without_all import *
print(sorted(n for n in dir() if not n.startswith("__")))
print(public_one(), _listed_private, plain, also_plain)
try:
    print(hidden)
except NameError as e:
    print("NameError:", e)
try:
    print(_private)
except NameError as e:
    print("NameError:", e)
