# atexit: registered functions run at exit, last first, with their arguments; unregister removes them.
import atexit


def say(*args, **kwargs):
    print("exit:", args, sorted(kwargs.items()))


def never():
    print("never runs")


print(atexit.register(say, 1, 2, k=3) is say)
atexit.register(say, "second")
atexit.register(never)
atexit.register(never)
atexit.unregister(never)
try:
    atexit.register(5)
except TypeError as e:
    print("TypeError", e)


@atexit.register
def decorated():
    print("decorated runs first")


print("main done")
