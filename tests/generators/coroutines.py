# async def / await driven by send, as an event loop drives coroutines.
class Future:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        result = yield self.label
        return result

async def fetch(name):
    data = await Future("fetch " + name)
    return name + ":" + str(data)

async def main():
    a = await fetch("a")
    b = await fetch("b")
    try:
        await Future("will fail")
    except KeyError as e:
        print("main caught", repr(e))
    return [a, b]

def run(coro):
    value = None
    n = 0
    while True:
        try:
            if n == 3:
                req = coro.throw(KeyError("injected"))
            else:
                req = coro.send(value)
            print("request", req)
            n += 1
            value = n * 100
        except StopIteration as e:
            return e.value

print(run(main()))
c = fetch("x")
print(type(c).__name__)
c.close()
async def nothing():
    return 5
try:
    nothing().send(None)
except StopIteration as e:
    print("returned", e.value)
try:
    co = nothing()
    co.send(None)
except StopIteration:
    pass
try:
    co.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
