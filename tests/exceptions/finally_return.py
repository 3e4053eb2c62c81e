# return passing through finally, and finally overriding return or swallowing exceptions.
def return_through_finally():
    try:
        return "from try"
    finally:
        print("finally runs before the return completes")


def finally_overrides_return():
    try:
        return "try"
    finally:
        return "finally"


def finally_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


def return_value_evaluated_before_finally():
    x = 1
    try:
        return x
    finally:
        x = 2


def nested_finally():
    log = []
    try:
        try:
            return log
        finally:
            log.append("inner")
    finally:
        log.append("outer")


def except_return_then_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("finally after except return")


print(return_through_finally())
print(finally_overrides_return())
print(finally_swallows_exception())
print(return_value_evaluated_before_finally())
print(nested_finally())
print(except_return_then_finally())
