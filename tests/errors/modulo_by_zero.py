# Uncaught ZeroDivisionError from integer modulo.
print(10 % 3)
print(10 % 0)
