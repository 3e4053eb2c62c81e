print("never runs")
del 5
