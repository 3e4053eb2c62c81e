# A misspelt module attribute suggests the closest name in dir(module).
import math

print("start")
print(math.sine(0))
