# match: an irrefutable capture pattern before other cases is a compile-time SyntaxError.
print("never printed")
match 1:
    case a:
        pass
    case 1:
        pass
