NAME = "solid"
print("init shapes.solid")
