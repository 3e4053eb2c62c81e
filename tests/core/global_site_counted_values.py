# Global names bound to lists, dicts and other counted objects, read through the per-site cache: every
# rebinding, deletion and in-place change must be seen by the next read, and the value read must stay
# alive after the global is rebound.
import sys

stack = []
env = {}


def push(x):
    stack.append(x)


def pop():
    return stack.pop()


def load(k):
    return env.get(k, 0)


for i in range(5):
    push(i)
print(stack, pop(), pop())

old = stack
stack = [100]
push(7)
print(old, stack)

# The value read before a rebinding is still a good reference afterwards.
def keep_then_rebind():
    global stack
    s = stack
    stack = None
    s.append("kept")
    return s


print(keep_then_rebind(), stack)
stack = []
push("again")
print(stack)

env["x"] = 3
print(load("x"), load("y"))
env = {"y": 9}
print(load("x"), load("y"))

del env
try:
    load("x")
except NameError as e:
    print("NameError:", e)

env = {"x": "back"}
print(load("x"))

# The same name through globals() and through a function's site.
globals()["stack"] = ["via globals()"]
print(pop(), stack)

# A string built at run time, a tuple and an instance in globals.
name = "-".join(["a", "b"])
pair = (1, [2])


class Box:
    pass


box = Box()
box.v = 1


def read_all():
    return name, pair, box.v


print(read_all())
name = name + "c"
pair[1].append(3)
box = Box()
box.v = 2
print(read_all())

# Reads in a loop while the loop body rebinds the global every other step.
acc = []


def step(i):
    global acc
    acc.append(i)
    if i % 2:
        acc = list(acc)


for i in range(6):
    step(i)
print(acc)

# The cache holds no count: a value dropped by rebinding is freed (its refcount seen from a fresh read).
data = [1, 2, 3]


def count():
    return sys.getrefcount(data)


before = count()
for _ in range(10):
    count()
print(count() == before)
