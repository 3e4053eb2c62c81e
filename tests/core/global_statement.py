# global declarations: reading, rebinding, creating module names from functions.
counter = 0


def increment():
    global counter
    counter += 1
    return counter


def read_only():
    return counter * 10


def create():
    global created
    created = "made in a function"


for _ in range(3):
    increment()
print(counter, read_only())

create()
print(created)


def shadow():
    counter = 100
    return counter


print(shadow(), counter)


def multi():
    global a, b
    a, b = 1, 2


multi()
print(a, b)


def nested_global():
    def inner():
        global counter
        counter = -1
    inner()


nested_global()
print(counter)
