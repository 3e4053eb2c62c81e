def f(*a, **k):
    return a, k
x = {}
y = []
print(f(**x, *y))
