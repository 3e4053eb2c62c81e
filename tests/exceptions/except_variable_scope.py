# The `as` name is deleted at the end of the except block.
e = "before"
try:
    raise ValueError("v")
except ValueError as e:
    print("inside:", repr(e))
try:
    print(e)
except NameError as err:
    print("NameError:", err)


def in_function():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        saved = exc
    try:
        return exc
    except UnboundLocalError as err:
        return f"{err} / saved {saved!r}"


print(in_function())

for i in range(2):
    try:
        raise KeyError(i)
    except KeyError as loop_exc:
        last = loop_exc
print(repr(last))
