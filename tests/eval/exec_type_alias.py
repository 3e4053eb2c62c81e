# `type X = value` in code run by exec(): a lazily evaluated typing.TypeAliasType.
import typing

g = {"__name__": "cfg"}
exec("""
type Vector = list[float]
type Later = Undefined
calls = []
def make():
    type Local = dict[str, int]
    return Local
""", g)
V = g["Vector"]
print(type(V).__name__, V, V.__name__, V.__value__, V.__module__, V.__type_params__)
L = g["Later"]
print(L.__name__)
try:
    L.__value__
except NameError as e:
    print("NameError:", e)
g["Undefined"] = int
print(L.__value__)
loc = g["make"]()
print(loc, loc.__value__)
