# sum() with start values and mixed numbers; abs() of numbers.
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1, 2], 10), sum([1.5, 2.5]), sum([0.1] * 3))
print(sum([True, True, True]), sum([[1], [2], [3]], []), sum(((1,), (2,)), ()), sum([2 ** 64, 2 ** 64]))
print(sum(x for x in range(10) if x % 2), sum([1, 2.0]), sum([], 5), sum(range(5), start=100))
print(abs(5), abs(-5), abs(0), abs(-0.0), abs(-2.5), abs(True), abs(-(2 ** 100)), abs(float("-inf")))
try:
    sum(["a", "b"])
except TypeError as e:
    print("TypeError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)
