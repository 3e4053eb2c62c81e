# The generator protocol: send, throw (all signatures), close and GeneratorExit.
def accumulate():
    total = 0
    while True:
        try:
            x = yield total
        except ValueError as e:
            print("handled", e)
            x = 0
        if x is None:
            break
        total += x
    return total

g = accumulate()
print(next(g), g.send(5), g.send(10))
print(g.throw(ValueError("bad")))
print(g.throw(ValueError("typed")))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)

def closer():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("got GeneratorExit")
        raise
    finally:
        print("finally ran")

c = closer()
next(c)
c.close()
c.close()
print("closed twice fine")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

fresh = accumulate()
try:
    fresh.send(1)
except TypeError as e:
    print("TypeError:", e)
fresh2 = accumulate()
try:
    fresh2.throw(KeyError("early"))
except KeyError as e:
    print("thrown before start:", repr(e))
try:
    next(fresh2)
except StopIteration:
    print("and it is finished")
unstarted = closer()
unstarted.close()
print("unstarted close ok")
