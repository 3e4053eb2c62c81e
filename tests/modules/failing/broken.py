print("broken runs")
X = 1 / 0
