# Uncaught builtin exception with a custom message, raised deep in the stack.
def validate(n):
    if n < 0:
        raise ValueError(f"negative value: {n}")
    return n


def process(values):
    return [validate(v) for v in values]


print(process([1, 2, 3]))
print(process([1, -2, 3]))
