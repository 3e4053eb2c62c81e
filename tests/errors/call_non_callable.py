# Uncaught TypeError: calling a non-callable object.
x = 5
print("x is", x)
x()
