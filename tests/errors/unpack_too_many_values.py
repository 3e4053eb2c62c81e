# Uncaught ValueError: too many values to unpack.
a, b = "xy"
print(a, b)
a, b = [1, 2, 3]
