# An uncaught NameError suggests the closest built-in name.
print("start")
pritn("hello")
