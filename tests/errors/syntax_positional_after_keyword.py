def f(a, b):
    return a
print(f(a=1, 2))
