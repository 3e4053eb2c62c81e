# match: f-strings are not literals a pattern may match.
print("never printed")
match "x":
    case f"x":
        pass
