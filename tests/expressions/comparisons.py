# Comparisons, chained comparisons, identity and membership.
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1.0, 1 != 1)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 2 > 0, 1 == 1 == 1.0)
print(1 < 2 <= 2 < 3 != 4)
calls = []


def v(x):
    calls.append(x)
    return x


print(v(1) < v(0) < v(5), calls)   # short-circuits after first False
calls.clear()
print(v(1) < v(2) < v(3), calls)   # middle evaluated once
print("abc" < "abd", "a" < "B", "Z" < "a", "" < "a", "abc" < "ab")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 2) == (1, 2), (1, "a") < (1, "b"))
print([] == [], [] is [], None is None, None == 0, None is not None)
print(1 in [1, 2], 3 not in [1, 2], "bc" in "abcd", "x" in "", "" in "abc")
print(2 in {1: "a", 2: "b"}, "a" in {1: "a"}, 3 in range(5), 5 in range(5))
print(1 in (1.0,), True in [1], 0 in [False])
print(float("nan") == float("nan"), float("nan") != float("nan"))
print(2 ** 100 > 2.0 ** 99, 10 ** 20 == 1e20, 10 ** 23 == 1e23)
print(not 1 < 2, not (1 < 2), (not 1) < 2)
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 or x / 0)
print(1 == True, 0 == False, 2 == True, "1" == 1)
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print(None < 1)
except TypeError as e:
    print("TypeError:", e)
