# Calls with *iterables and **mappings, several of each, mixed with plain args.
def show(*args, **kwargs):
    return f"{args} {kwargs}"


print(show(*[1, 2], *(3,), *"ab"))
print(show(0, *range(3), 9))
print(show(**{"a": 1}, **{"b": 2}))
print(show(1, *[2], x=3, **{"y": 4}, z=5))
print(show(*{1: "one", 2: "two"}))
print(show(*(i * i for i in range(4))))


def point(x, y, z=0):
    return (x, y, z)


coords = [1, 2]
print(point(*coords))
print(point(*coords, 3))
print(point(**{"y": 2, "x": 1}))
print(point(1, **{"z": 3, "y": 2}))
print(point(*[], *[5], **{"y": 6}))
args = (1,)
kwargs = {"z": 9}
print(point(*args, 2, **kwargs))
try:
    point(*[1, 2, 3, 4])
except TypeError as e:
    print("TypeError:", e)
try:
    point(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    point(**[1])
except TypeError as e:
    print("TypeError:", e)
