# match: binding one name twice in a pattern is a compile-time SyntaxError.
print("never printed")
match [1, 2]:
    case [a, {"k": a}]:
        pass
