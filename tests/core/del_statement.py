# del of names, subscripts, slices and tuples of targets.
x = 1
y = 2
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
print("y still", y)

lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst)

d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError", e)

a, b, c = 1, 2, 3
del a, (b, c)
try:
    print(a)
except NameError as e:
    print(e)
try:
    print(c)
except NameError as e:
    print(e)

nested = [[1, 2], [3, 4]]
del nested[1][0]
print(nested)

def local_del():
    v = 5
    del v
    try:
        return v
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"

print(local_del())
