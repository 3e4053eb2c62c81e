# __name__ and __doc__ of functions, default values evaluated left to right.
def documented(a, b):
    """Add two things."""
    return a + b


def undocumented():
    return 1


print(documented.__name__, repr(documented.__doc__))
print(undocumented.__name__, repr(undocumented.__doc__))
lam = lambda: 0
print(lam.__name__)


def outer():
    def inner():
        pass
    return inner


print(outer().__name__, outer().__qualname__)
print(documented(b="x", a="y"))
