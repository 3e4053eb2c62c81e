# pass in every statement that needs a body, and docstring-only bodies.
"""Module docstring is just an expression statement."""


def f():
    pass


def g():
    """Only a docstring."""


if True:
    pass
else:
    pass

for _ in range(3):
    pass

while False:
    pass

try:
    pass
except Exception:
    pass
finally:
    pass

print(f(), g())
print("still here")
...
Ellipsis
print(...)
print(__doc__)
