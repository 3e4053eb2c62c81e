print("never runs")
a, *b, *c = [1, 2, 3]
