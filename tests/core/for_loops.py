# for loops over many iterables, with else/break/continue.
for ch in "abc":
    print(ch, end=" ")
print()

for x in [10, 20, 30]:
    print(x, end=",")
print()

for t in (1, 2.5, "three", None, True):
    print(repr(t))

for k in {"b": 1, "a": 2, "c": 3}:
    print("key", k)

for k, v in {"one": 1, "two": 2}.items():
    print(k, "=", v)

for i in range(3):
    print("range", i)

for i in range(10, 0, -3):
    print("down", i)

for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")

for i in range(6):
    if i % 2 == 0:
        continue
    print("odd", i)
else:
    print("loop else after continue, i =", i)

for i in []:
    print("never")
else:
    print("empty loop else")

for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)

total = 0
for total_part in [1, 2, 3]:
    total += total_part
print("loop variable remains bound:", total_part, total)
