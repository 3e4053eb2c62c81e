# An uncaught NameError suggests the closest module global (before the built-ins).
interval_seconds = 5


def show():
    print(interval_second)


print("start")
show()
