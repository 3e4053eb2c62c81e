# yield from: delegation of next, send, throw, close and the return value.
def inner():
    try:
        x = yield "i1"
        print("inner got", x)
        y = yield "i2"
        print("inner got", y)
    except KeyError as e:
        print("inner caught", repr(e))
        yield "recovered"
    finally:
        print("inner finally")
    return "inner-result"

def outer():
    r = yield from inner()
    print("outer got", r)
    yield "o-end"

g = outer()
print(next(g))
print(g.send("A"))
print(g.throw(KeyError("k")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("done")

g = outer()
next(g)
g.close()
print("closed delegating generator")

def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)))))

def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
