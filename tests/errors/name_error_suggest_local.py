# An uncaught NameError suggests the closest local variable of the function that raised it.
def total(values):
    counter = 0
    for v in values:
        counter += v
    return countr


print("start")
total([1, 2])
