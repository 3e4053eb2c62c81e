print("never runs")
x = 1
nonlocal x
