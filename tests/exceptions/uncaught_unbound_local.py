# Uncaught UnboundLocalError: local assigned after use.
x = 10


def bump():
    print("bump called")
    x += 1
    return x


bump()
