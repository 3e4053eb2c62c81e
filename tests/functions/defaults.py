# Default parameter values: evaluated once at def time, shared mutable defaults.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct


print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))

base = 10


def add(x, y=base):
    return x + y


base = 1000
print(add(1), add(1, 2))


def append_to(item, target=[]):
    target.append(item)
    return target


print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))


def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target


print(safe_append(1), safe_append(2))

order = []


def mark(v):
    order.append(v)
    return v


def f(a=mark("a"), b=mark("b")):
    return a + b


print(order, f(), f("x"), f(b="y"))
