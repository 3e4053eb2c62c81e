# Slicing lists with literal bounds (`a[i:j:k]`, `a[i:j] = ...`), which compiled code does without a slice
# object for an exact list and int or None bounds; everything else must still go through the slice protocol.


class Idx:
    def __index__(self):
        return 2


class Loud(list):
    def __getitem__(self, key):
        print("Loud getitem", key)
        return list.__getitem__(self, key)

    def __setitem__(self, key, value):
        print("Loud setitem", key, value)
        list.__setitem__(self, key, value)


def reads():
    a = list(range(10))
    print(a[:], a[2:5], a[-3:], a[:-7], a[::2], a[::-1], a[7:2:-2], a[5:5], a[20:], a[-20:3])
    print(a[True:4], a[Idx():], a[None:None:None], a[2**70:], a[-(2**70):2], a[::-(2**70)], a[::2**63])
    k = 3
    print(a[k::-1], a[:k + 1], a[k:k])
    copy = a[:]
    print(copy == a, copy is a)
    try:
        a[::0]
    except ValueError as e:
        print("ValueError", e)
    try:
        a["x":]
    except TypeError as e:
        print("TypeError", e)
    t = tuple(a)
    print(t[:3], t[::-3], t[:] is t, "abcdef"[1:4], "abcdef"[::-2], b"xyz"[1:], range(10)[2:8:3])
    print(Loud([1, 2, 3])[1:], Loud([1, 2, 3])[0])


def writes():
    a = list(range(6))
    a[1:3] = ["x", "y", "z"]
    print(a)
    a[:] = a
    print(a)
    a[::2] = [0, 0, 0, 0]
    print(a)
    try:
        a[::2] = [1]
    except ValueError as e:
        print("ValueError", e)
    a[-2:] = (8, 9)
    a[:0] = "ab"
    print(a)
    try:
        a[1:2] = 5
    except TypeError as e:
        print("TypeError", e)
    try:
        a[::0] = []
    except ValueError as e:
        print("ValueError", e)
    a[2**70:] = [100]
    a[Idx():Idx()] = [-1]
    print(a)
    perm = [3, 1, 2, 0]
    k = perm[0]
    perm[: k + 1] = perm[k::-1]
    print(perm)
    b = [1, 2, 3, 4]
    b[1:3] = iter([7])
    print(b)
    loud = Loud([1, 2, 3])
    loud[0:2] = [9]
    print(loud)


reads()
writes()
