# Generator functions: laziness, iteration, return values carried by StopIteration.
def count(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("end")
    return "result"

g = count(3)
print("created")
print(next(g))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("exhausted", e.value, e.args)
g2 = count(1)
next(g2)
try:
    next(g2)
except StopIteration as e:
    print("value", e.value)
print(type(count(1)).__name__, count.__name__)
print(sum(count(5)), max(count(4)), sorted(count(3), reverse=True))
for x in count(2):
    print("loop", x)
