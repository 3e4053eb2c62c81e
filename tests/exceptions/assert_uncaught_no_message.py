# Uncaught assertion failure without a message.
values = [1, 2, 3]
assert len(values) == 3
print("first assert ok")
assert sum(values) == 7
