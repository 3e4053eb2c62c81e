print("never runs")
def f():
    continue
