# reversed() over sequences, ranges, dicts; errors on non-sequences.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(5))))
print(list(reversed(range(0, 10, 3))), list(reversed(range(10, 0, -4))), list(reversed([])))
print(list(reversed({"a": 1, "b": 2, "c": 3})), list(reversed({"a": 1, "b": 2}.items())))
it = reversed([1, 2, 3])
print(next(it), list(it), list(it))
print("".join(reversed("stressed")))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
try:
    reversed(5)
except TypeError as e:
    print("TypeError:", e)
