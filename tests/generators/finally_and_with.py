# Abandoned generators run their pending finally blocks and with-exits; yield inside every construct.
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False

def gen():
    with CM("outer"):
        for i in range(3):
            try:
                yield i
            finally:
                print("finally", i)

g = gen()
print(next(g), next(g))
del g
print("after del")

def in_expression():
    values = [(yield 1) + 10, (yield 2) * 2]
    yield values

g = in_expression()
print(next(g), g.send(5), g.send(7))

def in_except():
    try:
        raise ValueError("x")
    except ValueError as e:
        yield "in handler " + str(e)
        yield "still " + repr(e)
    yield "after"
for v in in_except():
    print(v)

def while_else():
    n = 0
    while n < 2:
        yield n
        n += 1
    else:
        yield "else"
print(list(while_else()))
