"""A module whose attributes the main program reads through the same sites while they change."""
import math as _math

counter = 0
table = [1, 2, 3]
pi = _math.pi


def f():
    return "f"


def g():
    return "g"


def bump():
    global counter
    counter += 1
    return counter


class Point:
    def __init__(self, x):
        self.x = x
