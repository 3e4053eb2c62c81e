# return/break/continue passing through finally, and finally overriding them.
def return_through_finally():
    log = []
    try:
        return "from try"
    finally:
        print("finally runs before the return completes")


print(return_through_finally())


def finally_overrides_return():
    try:
        return "try"
    finally:
        return "finally"


print(finally_overrides_return())


def finally_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


print(finally_swallows_exception())


def return_value_evaluated_before_finally():
    x = 1
    try:
        return x
    finally:
        x = 2


print(return_value_evaluated_before_finally())

for i in range(5):
    try:
        if i == 3:
            break
        print("loop", i)
    finally:
        print("finally", i)

i = 0
while i < 4:
    i += 1
    try:
        if i % 2:
            continue
        print("even", i)
    finally:
        print("cleanup", i)


def break_in_finally():
    for i in range(3):
        try:
            raise RuntimeError("dropped")
        finally:
            break
    return i


print(break_in_finally())


def nested_finally():
    log = []
    try:
        try:
            return log
        finally:
            log.append("inner")
    finally:
        log.append("outer")


print(nested_finally())


def except_return_then_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("finally after except return")


print(except_return_then_finally())
