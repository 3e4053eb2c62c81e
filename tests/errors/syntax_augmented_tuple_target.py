print("never runs")
(a, b) += (1, 2)
