# Async generators, async for, async with and async comprehensions, driven by send like an event loop.
class Tick:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        got = yield ("tick", self.n)
        return got

async def ticker(n):
    try:
        for i in range(n):
            t = await Tick(i)
            yield i * 10 + (t or 0)
    finally:
        print("ticker finally")

class AsyncCM:
    async def __aenter__(self):
        print("aenter")
        await Tick(-1)
        return "cm-value"
    async def __aexit__(self, t, v, tb):
        print("aexit", t.__name__ if t else None)
        return t is KeyError

class ARange:
    def __init__(self, n):
        self.i = 0; self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def main():
    out = []
    async for v in ticker(3):
        out.append(v)
    print("collected", out)
    async with AsyncCM() as val:
        print("inside", val)
    async with AsyncCM():
        raise KeyError("swallowed")
    print([x async for x in ARange(3)])
    print({x: x * x async for x in ARange(2)})
    agen = ticker(5)
    print(await agen.__anext__())
    await agen.aclose()
    try:
        async for _ in 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    return "main done"

def run(coro):
    value = None
    while True:
        try:
            req = coro.send(value)
            value = 1
        except StopIteration as e:
            return e.value

print(run(main()))
print(type(ticker(1)).__name__)
