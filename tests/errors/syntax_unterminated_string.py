print("never runs")
s = "unterminated
