print("plugins runs")
