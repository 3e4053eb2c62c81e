# * and ** unpacking inside list/tuple/set/dict displays.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), [0, *a, 5, *b, 6], (*"hi",))
print({*a, *b, 2, 3}, {*range(3)})
print([*range(3), *{10: "x"}, *"ab"])
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d2, **d1}, {"w": 0, **d1, "x": 100})
print({**{}, **{1: 1}}, {**dict(a=1)})
t = *a, *b
print(t)
print([*[], *()], len([*a, *a, *a]))
print(*[1, 2, 3], sep="-")
print((*a,) == tuple(a), [*(x * 2 for x in b)])
try:
    print([*5])
except TypeError as e:
    print("TypeError:", e)
try:
    print({**[1]})
except TypeError as e:
    print("TypeError:", e)
