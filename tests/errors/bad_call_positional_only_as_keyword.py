# Uncaught TypeError: positional-only argument passed as keyword.
def scale(value, /, factor=2):
    return value * factor


print(scale(5))
print(scale(value=5))
