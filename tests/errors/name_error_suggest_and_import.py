# A NameError for a standard-library module's name with a close global: both hints.
tim = 1
print("start")
print(time)
