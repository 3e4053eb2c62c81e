# while loops: else clause, break skipping else, continue, nested loops.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i =", i)
else:
    print("while finished normally, i =", i)

n = 10
while n > 0:
    if n == 7:
        print("breaking at", n)
        break
    n -= 1
else:
    print("never printed")

count = 0
while False:
    count += 1
else:
    print("else runs even when the body never runs; count =", count)

# Collatz steps for a few numbers
for start in [1, 6, 7, 27]:
    steps = 0
    k = start
    while k != 1:
        k = k // 2 if k % 2 == 0 else 3 * k + 1
        steps += 1
    print(start, "->", steps, "steps")

# nested while with break from inner only
a = 0
while a < 3:
    b = 0
    while True:
        if b >= a:
            break
        b += 1
    print("a", a, "b", b)
    a += 1
