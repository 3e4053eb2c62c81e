# Slice assignment (growing, shrinking, extended) and slice deletion.
lst = list(range(8))
lst[2:4] = ["a", "b", "c"]
print(lst)
lst[:0] = [-1]
print(lst)
lst[len(lst):] = [100, 101]
print(lst)
lst[1:3] = []
print(lst)
lst[::2] = "WXYZZ"[:len(lst[::2])]
print(lst)
lst = list(range(10))
lst[::-3] = [90, 60, 30, 0]
print(lst)
lst[-2:] = range(3)
print(lst)
lst[:] = (1, 2, 3)
print(lst)
lst[5:10] = [4]
print(lst)
try:
    lst[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    lst[0:1] = 5
except TypeError as e:
    print("TypeError:", e)

lst = list(range(12))
del lst[10:]
print(lst)
del lst[:2]
print(lst)
del lst[::3]
print(lst)
del lst[::-2]
print(lst)
del lst[100:200]
print(lst)
del lst[-1:-5:-1]
print(lst)
big = list(range(20))
del big[1::2]
print(big)
