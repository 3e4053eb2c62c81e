# raise with classes, instances, re-raise, and raising non-exceptions.
try:
    raise ValueError
except ValueError as e:
    print("class raised:", repr(e), e.args)

try:
    raise ValueError("instance")
except ValueError as e:
    print("instance raised:", repr(e))


def reraiser():
    try:
        raise KeyError("original")
    except KeyError:
        print("handling, then re-raising")
        raise


try:
    reraiser()
except KeyError as e:
    print("re-raised:", repr(e))

try:
    raise 5
except TypeError as e:
    print("TypeError:", e)

try:
    raise "string"
except TypeError as e:
    print("TypeError:", e)

try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)


def raise_in_handler():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")


try:
    raise_in_handler()
except ValueError as e:
    print(repr(e), "context:", repr(e.__context__), "cause:", e.__cause__)

err = IndexError("reused")
for attempt in range(2):
    try:
        raise err
    except IndexError as e:
        print(attempt, e is err)
