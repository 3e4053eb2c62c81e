# Globals written on every step (counters under `global`) while other globals and builtins are read: each read
# must see the latest store, also after deletions, re-insertions and writes through globals().
count = 0
scale = 3

def step(n):
    global count
    for i in range(n):
        count += i * scale
    return count

print(step(10), count)
scale = 5
print(step(10), count)

def read_len(xs):
    return len(xs), count

print(read_len([1, 2]))
len = lambda xs: "shadowed"
print(read_len([1, 2]))
del len
print(read_len([1, 2, 3]))

del count
try:
    step(1)
except NameError as e:
    print("NameError", e)
count = 100
for k in range(5):
    globals()["extra%d" % k] = k
print(step(3), count, extra4)
globals()["count"] = -1
print(step(2), count)
del scale
try:
    step(2)
except NameError as e:
    print("NameError", e)
globals().update(scale=7)
print(step(2), count)

def bump():
    global total
    total = total + 1 if "total" in globals() else 0

for _ in range(4):
    bump()
print(total)
