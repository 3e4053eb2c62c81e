print("helper runs")
NAME = "helper"
