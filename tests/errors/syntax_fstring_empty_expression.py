print("never runs")
x = f"{}"
