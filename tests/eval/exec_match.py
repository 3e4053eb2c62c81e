# `match` statements in code run by exec(): every kind of pattern, guards, captures and their scopes.
import collections, dataclasses  # the evaluated code imports them: the program must include them
src = '''
from collections import namedtuple
from dataclasses import dataclass

Point = namedtuple("Point", "x y")

@dataclass
class Box:
    w: int
    h: int

class Color:
    RED = "red"
    GREEN = "green"

def describe(v):
    match v:
        case None:
            return "none"
        case True | False as b:
            return f"bool {b}"
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float() as n:
            return f"number {n!r}"
        case Color.RED:
            return "the red color"
        case "hello" | "hi":
            return "greeting"
        case str(s):
            return f"string {s!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x!r}"
        case [x, y]:
            return f"pair {x!r} {y!r}"
        case [first, *rest] if len(rest) > 3:
            return f"long, first {first!r}, {len(rest)} more"
        case [first, *_, last]:
            return f"first {first!r} last {last!r}"
        case {"type": "user", "name": str(name), **extra}:
            return f"user {name} {sorted(extra.items())}"
        case {"type": t}:
            return f"typed {t}"
        case {}:
            return "some mapping"
        case Point(x=0, y=0):
            return "origin"
        case Point(x, y=0):
            return f"on the x axis at {x}"
        case Box(w, h) if w == h:
            return f"square {w}"
        case Box(w=w, h=h):
            return f"box {w}x{h}"
        case _:
            return "something else"

for v in [None, True, False, 0, -5, 7, 2.5, "red", "hi", "abc", [], [1], (1, 2), [1, 2, 3],
          [1, 2, 3, 4, 5, 6], {"type": "user", "name": "ann", "age": 3}, {"type": 9}, {"a": 1},
          Point(0, 0), Point(4, 0), Point(1, 1), Box(2, 2), Box(2, 3), object]:
    print(repr(v)[:30], "->", describe(v))

# Captures bind in the enclosing namespace, even when a later guard fails.
match (1, 2):
    case (a, b) if a > b:
        print("no")
    case (c, d):
        print("yes", a, b, c, d)

# Nested and star patterns.
def nested(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return "going " + direction
        case ["drop", *objects]:
            return "dropping " + ", ".join(objects)
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return "unknown verb " + verb
        case _:
            return "nothing"

for c in ["go north", "go up", "drop a b c", "exit", "", "look around"]:
    print(repr(c), nested(c))

# No case matches: nothing happens.
match 5:
    case 1:
        print("one")
print("after")

# Strings, bytes and dicts are not sequences; tuples and ranges are.
for s in ["ab", b"ab", bytearray(b"ab"), range(2), ("a", "b"), {"a": 1, "b": 2}]:
    match s:
        case [a, b]:
            print("sequence", type(s).__name__, a, b)
        case _:
            print("not a sequence", type(s).__name__)

# match_args errors are CPython's.
class NoArgs:
    pass

try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

class Two:
    __match_args__ = ("a",)
    a = 1

try:
    match Two():
        case Two(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match 3:
        case len(x):
            pass
except TypeError as e:
    print("TypeError:", e)

# In a class body and in a closure.
class K:
    match {"k": 10}:
        case {"k": kv}:
            found = kv

print(K.found)

def outer(v):
    match v:
        case [inner_v]:
            pass
    def get():
        return inner_v
    return get()

print(outer([42]))
'''
exec(src, {"__name__": "m"})
# In a generator frame.
g = {}
exec("""
def gen(items):
    for it in items:
        match it:
            case (k, v):
                yield f"{k}={v}"
            case _:
                yield "?"
""", g)
print(list(g["gen"]([(1, 2), 3, ("a", "b")])))
