# list +, *, ==, <, in, nested lists, aliasing, list(), len, constructors.
a = [1, 2, 3]
b = a
c = a[:]
a.append(4)
print(a, b, c, a is b, a is c, a == b)
print(a + [5], [0] * 3, 2 * [1, 2], [] * 10, [[0]] * 2)
grid = [[0] * 2] * 2
grid[0][0] = 9
print(grid)
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, 2] < [1, 2, 3], [2] > [1, 99], [] < [0])
print(list(), list("abc"), list((1, 2)), list(range(3)), list({1: 2, 3: 4}), list([1, [2]]))
print(len([]), len([[], []]), [1, [2, [3, [4]]]])
nested = [1, [2, 3]]
copy = nested[:]
copy[1].append(4)
print(nested, copy)
lst = [0, 1, 2]
lst *= 2
print(lst)
print(max([3, 1, 2]), min([3, 1, 2]), sum([1.5, 2.5]))
print([1, 2, 3].__len__(), [x for x in [1, 2, 3] if x in [2, 3]])
e = []
e.append(e)
print(e)
try:
    [1, 2] + (3,)
except TypeError as ex:
    print("TypeError:", ex)
