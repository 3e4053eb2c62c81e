print("never runs")
def f(**k, a):
    pass
