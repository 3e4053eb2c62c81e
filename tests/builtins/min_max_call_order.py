# min() and max() take items from the iterator one at a time and call the key on each as it comes, so the
# iterator's and the key's side effects interleave; an error stops the scan where it happens.
def gen(items):
    for x in items:
        print("yield", x)
        yield x


def key(x):
    print("key", x)
    return -x


print(min(gen([3, 1, 2]), key=key))
print(max(gen([3, 1, 2]), key=key))
print(min(gen([]), default="empty"))
print(max(5, 9, 7, key=key))


def bad_key(x):
    print("bad_key", x)
    if x == 2:
        raise ValueError("no twos")
    return x


try:
    min(gen([1, 2, 3]), key=bad_key)
except ValueError as e:
    print("ValueError", e)


class Loud:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Loud({self.v})"

    def __lt__(self, other):
        print("lt", self.v, other.v)
        return self.v < other.v

    def __gt__(self, other):
        print("gt", self.v, other.v)
        return self.v > other.v


print(min(gen([Loud(2), Loud(1), Loud(3)])).v)
print(max(Loud(2), Loud(1), Loud(3)).v)
try:
    min(gen([1, "a"]))
except TypeError as e:
    print("TypeError", e)
