def f(a, b, a):
    return a
print("never runs")
