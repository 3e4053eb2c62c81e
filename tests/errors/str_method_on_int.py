# Uncaught AttributeError: str method called on an int.
n = 42
print(str(n).upper())
print(n.upper())
