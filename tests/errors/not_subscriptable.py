# Uncaught TypeError: subscripting an int.
value = 10
print(value)
print(value[0])
