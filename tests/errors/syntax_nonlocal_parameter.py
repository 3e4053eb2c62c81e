print("never runs")
def f(x):
    nonlocal x
    return x
