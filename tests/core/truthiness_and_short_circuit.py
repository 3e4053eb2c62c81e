# Truth values of builtins in conditions, while, and not.
values = [0, 1, -1, 0.0, 0.5, "", " ", [], [[]], (), (0,), {}, {0: 0},
          set(), {0}, range(0), range(1), None, True, False]
for v in values:
    print(repr(v), bool(v), not v)

items = [3, 2, 1]
while items:
    print("pop", items.pop())
print("items empty:", items)

x = 0
print(x or "default", x and "never")
y = [1]
print(y or "default", y and "second")
print(None or 0 or "" or "last")
print(1 and 2 and 3)
print(1 and 0 and 3)
