print("never runs")
x += y += 1
