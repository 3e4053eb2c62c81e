# An exception raised in finally replaces the one in flight.
try:
    print("body")
    raise ValueError("original")
finally:
    print("finally")
    raise KeyError("from finally")
