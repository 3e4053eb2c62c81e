print("never runs")
x = 1 if True
