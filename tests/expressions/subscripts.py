# Indexing lists, tuples, strings, dicts, ranges with positive and negative indices.
lst = [10, 20, 30, 40, 50]
print(lst[0], lst[4], lst[-1], lst[-5], lst[True])
t = ("a", "b", "c")
print(t[1], t[-2])
s = "hello"
print(s[0], s[-1], s[4])
r = range(10, 20, 2)
print(r[0], r[-1], r[2])
d = {"x": 1, 2: "two", (1, 2): "tuple key", True: "bool key"}
print(d["x"], d[2], d[(1, 2)], d[1], d[1, 2])
nested = [[1, [2, 3]], {"k": [4, 5]}]
print(nested[0][1][0], nested[1]["k"][-1])
lst[1] = 21
lst[-1] = 51
print(lst)
d["x"] = 100
d["new"] = "added"
print(d)
matrix = [[0] * 3 for _ in range(3)]
for i in range(3):
    matrix[i][i] = 1
print(matrix)
for bad in [5, -6, 2 ** 70]:
    try:
        lst[bad]
    except IndexError as e:
        print("IndexError:", e)
try:
    lst[1.0]
except TypeError as e:
    print("TypeError:", e)
try:
    lst["a"] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    t[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
try:
    print(s[10])
except IndexError as e:
    print("IndexError:", e)
try:
    print(t[3])
except IndexError as e:
    print("IndexError:", e)
try:
    print(r[5])
except IndexError as e:
    print("IndexError:", e)
try:
    five = 5
    print(five[0])
except TypeError as e:
    print("TypeError:", e)
try:
    lst[9] = 0
except IndexError as e:
    print("IndexError:", e)
