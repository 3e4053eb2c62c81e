# Uncaught assertion failure with a message.
def checked_sqrt(n):
    assert n >= 0, f"cannot take sqrt of {n}"
    return n ** 0.5


print(checked_sqrt(16))
print(checked_sqrt(-1))
