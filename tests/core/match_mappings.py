# match: mapping patterns: key lookup without __missing__, extra keys allowed, **rest, value-pattern keys.
from _collections import defaultdict


def m(x):
    match x:
        case {"action": "move", "to": (x0, y0)}:
            return f"move to {x0},{y0}"
        case {"action": "say", "text": str() as text, **rest}:
            return f"say {text!r} with {rest}"
        case {"action": action}:
            return f"unknown action {action!r}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


for v in [{"action": "move", "to": (1, 2)}, {"action": "move", "to": [3, 4], "speed": 9},
          {"action": "say", "text": "hi", "loud": True, "n": 2}, {"action": "say", "text": 5},
          {"other": 1}, {}, [("action", "x")], "action", type("T", (), {"action": "p"}).__dict__]:
    print(type(v).__name__, repr(v) if isinstance(v, (dict, list, str)) else "", "->", m(v))

# A defaultdict's factory is not called for missing keys; present keys match.
dd = defaultdict(list, {"a": 1})
match dd:
    case {"b": _}:
        print("b found?")
    case {"a": 1, **rest}:
        print("a matched; rest", rest, type(rest).__name__)
print(dict(dd))


# Keys may be literals (numbers, strings, None, True) or dotted names.
class Key:
    NAME = "name"


for v in [{1: "one", None: "none"}, {"name": "Ann", True: 1}, {-1: 0}]:
    match v:
        case {1: a, None: b}:
            print("literal keys", a, b)
        case {Key.NAME: n, True: t}:
            print("dotted key", n, t)
        case {-1: z}:
            print("negative key", z)

# **rest copies what is left into a new dict.
src = {"a": 1, "b": 2, "c": 3}
match src:
    case {"a": _, **others}:
        others["z"] = 26
        print(others, src)


class Plain:
    def get(self, k, d=None):
        return 1


match Plain():
    case {"k": _}:
        print("Plain is a mapping?")
    case _:
        print("Plain is not a mapping")
