print("never runs")
x = 5
1 = x
