# map() with one and several iterables; filter() with a function and with None.
print(list(map(str, [1, 2, 3])), list(map(abs, (-1, -2))), list(map(len, ["a", "bb", ""])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])), list(map(pow, [2, 3], [3, 2])))
print(list(map(int, "123")), list(map(str.upper, ["a", "b"])), list(map(max, [1, 5], [4, 2], [3, 3])))
print(list(filter(None, [0, 1, "", "a", None, [], [0], False, True])))
print(list(filter(lambda x: x > 2, range(6))), list(filter(str.isdigit, "a1b2c3")))
evens = filter(lambda n: n % 2 == 0, range(10))
print(next(evens), next(evens), list(evens), list(evens))
print(sum(map(int, "12345")), "".join(map(chr, [72, 105])))
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
try:
    list(map(int, ["1", "x"]))
except ValueError as e:
    print("ValueError:", e)
try:
    map(str, 5)
except TypeError as e:
    print("TypeError:", e)
