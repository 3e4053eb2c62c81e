print("init cube", __name__)
def volume(n):
    return n ** 3
