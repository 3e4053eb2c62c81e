# match: literal, singleton, wildcard and capture patterns; the first matching case wins.


def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary"
        case -1 + 2j:
            return "complex"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "nothing"
        case True:
            return "true"
        case False:
            return "false"
        case "a" "b":
            return "concatenated"
        case _:
            return "other: " + repr(x)


for v in [0, 1, 3, -1, 1.5, 2j, -1 + 2j, "hello", b"raw", None, True, False, "ab", 0.0, 1.0, 4, "x", [1]]:
    print(repr(v), describe(v))

# Singletons match by identity: 1 == True but `case True` does not match 1; 0 matches `case 0` before False.
match 1:
    case True:
        print("1 is True?")
    case 1:
        print("1 matched 1")

match False:
    case 0:
        print("False matched 0 (equality)")

# A capture binds the subject; the wildcard binds nothing.
match [1, 2]:
    case whatever:
        print("captured", whatever)

_ = "untouched"
match 42:
    case _:
        print("wildcard", _)

# No case matches: nothing runs, names stay unbound.
match 5:
    case 1:
        y = "one"
try:
    print(y)
except NameError as e:
    print("NameError", e)

# The subject is evaluated once.
calls = []


def subject():
    calls.append(1)
    return 3


match subject():
    case 1:
        pass
    case 2:
        pass
    case 3:
        print("three; subject evaluated", len(calls), "time(s)")

# NaN does not equal itself, even when the value pattern is the very same object.
import math


class K:
    NAN = math.nan


match K.NAN:
    case K.NAN:
        print("nan matched")
    case _:
        print("nan did not match itself")
