print("never runs")
else:
    pass
