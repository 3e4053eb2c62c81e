# atexit: an exception in an exit function is reported and the others still run; sys.exit runs them too.
import atexit
import sys


def fine():
    print("fine")


def bad():
    raise ValueError("bad exit function")


atexit.register(fine)
atexit.register(bad)
print("exiting")
sys.exit(3)
