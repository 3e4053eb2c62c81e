# match: or-patterns, as-patterns, guards, binding rules, and match inside functions, loops and generators.


def classify(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", _]:
            return "unknown direction"
        case ["pick", "up", item] | ["take", item]:
            return f"taking {item}"
        case ["drop", *items] if items:
            return f"dropping {', '.join(items)}"
        case ["drop", *_]:
            return "drop what?"
        case [("quit" | "exit")]:
            return "bye"
        case [cmd_word, *_] if len(cmd_word) > 5:
            return f"long unknown command {cmd_word}"
        case []:
            return "empty"
        case _:
            return "unknown"


for c in ["go north", "go up", "pick up lamp", "take sword", "drop a b", "drop", "quit", "exit", "frobnicate x",
          "", "hmm"]:
    print(repr(c), "->", classify(c))

# A guard that fails leaves the pattern's bindings in place; the next case is tried.
match (1, 2):
    case (a, b) if a > b:
        print("never")
    case (c, d):
        print("second case", c, d, "first case bound", a, b)

# A pattern that fails part-way binds nothing.
match [1, 2, 3]:
    case [p, q, 4]:
        print("never")
    case _:
        try:
            print("p bound?", p)
        except NameError as e:
            print("NameError", e)

# as-patterns bind the whole matched value at any depth.
match {"user": {"name": "Ann", "roles": ["admin", "dev"]}}:
    case {"user": {"name": str() as name, "roles": [*_, "dev"] as roles} as user}:
        print(name, roles, sorted(user))

# or-patterns with alternatives binding the same names in different orders.
for v in [(1, "a"), ("b", 2)]:
    match v:
        case (int(n), str(s)) | (str(s), int(n)):
            print("n", n, "s", s)

# Guards see the bindings and may have side effects; the guard runs only after the pattern matched.
log = []


def check(x):
    log.append(x)
    return x > 1


for v in [0, 1, 2, "x"]:
    match v:
        case int(n) if check(n):
            print(v, "big int")
        case int():
            print(v, "small int")
        case _:
            print(v, "not int")
print(log)


# match inside a loop with break/continue, and in a generator.
def gen(items):
    for it in items:
        match it:
            case None:
                continue
            case "stop":
                break
            case [x, y]:
                yield x + y
            case x:
                yield x


print(list(gen([1, None, [2, 3], "a", "stop", 99])))


# Return from inside a case, in a nested function using a closure variable.
def outer():
    limit = 10

    def inner(v):
        match v:
            case int(n) if n > limit:
                return "over"
            case int():
                return "under"
        return "not int"

    return [inner(5), inner(50), inner("s")]


print(outer())

# Capture targets can be globals.
g = None


def set_global(v):
    global g
    match v:
        case [g, *_]:
            pass


set_global([7, 8])
print("g =", g)

# Exceptions raised inside a case body propagate normally and are catchable.
try:
    match 3:
        case 3:
            raise ValueError("from case body")
except ValueError as e:
    print("caught", e)
