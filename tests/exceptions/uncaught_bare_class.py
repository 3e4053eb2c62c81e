# Uncaught exception raised as a class with no message.
print("about to raise")
raise RuntimeError
