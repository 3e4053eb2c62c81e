# Uncaught exception raised while handling another (implicit context).
try:
    print("dividing")
    1 / 0
except ZeroDivisionError:
    print("handler")
    raise ValueError("handler failed")
