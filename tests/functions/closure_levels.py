# Closures over several nesting levels and cells shared between inner functions.
def three_levels(a):
    def mid(b):
        def inner(c):
            return a + b + c
        return inner
    return mid


print(three_levels(1)(20)(300))


def shared_cell():
    value = []

    def push(v):
        value.append(v)

    def get():
        return value
    return push, get


push, get = shared_cell()
push(1)
push(2)
print(get())
