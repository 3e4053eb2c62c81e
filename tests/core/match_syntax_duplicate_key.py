# match: a mapping pattern with the same literal key twice is a compile-time SyntaxError.
print("never printed")
match {}:
    case {"a": 1, -2: 3, "a": 2}:
        pass
