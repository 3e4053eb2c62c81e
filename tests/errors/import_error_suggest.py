# `from m import x` failing suggests the closest name in the module.
print("start")
from sys import argvv
