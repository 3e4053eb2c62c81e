# slice() objects: repr, attributes, indices(), use in subscripts.
s = slice(1, 8, 2)
print(s, repr(slice(3)), slice(None, None, -1), s.start, s.stop, s.step)
lst = list(range(10))
print(lst[s], "abcdefghij"[s], lst[slice(3)], lst[slice(None, None, -3)])
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10), slice(0, 100).indices(3))
lst[slice(0, 2)] = ["a", "b"]
print(lst)
del lst[slice(None, None, 4)]
print(lst)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
try:
    slice(0, 1, 0).indices(3)
except ValueError as e:
    print("ValueError:", e)
