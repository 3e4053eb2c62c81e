# match: `_` cannot be the target of an as-pattern.
print("never printed")
match 1:
    case 1 as _:
        pass
