# contextvars: ContextVar get/set/reset with tokens, Context mapping and run, copy_context, per-thread contexts.
import _thread
import contextvars
from contextvars import ContextVar, Context, Token, copy_context

v = ContextVar("v", default=0)
w = ContextVar("w")
print(v.name, v.get(), w.get("fallback"), type(v).__name__, type(copy_context()).__name__)
print(repr(v).startswith("<ContextVar name='v' default=0 at 0x"), repr(w).startswith("<ContextVar name='w' at 0x"))
try:
    w.get()
except LookupError as e:
    print("LookupError", e.args[0] is w)
t1 = v.set(1)
t2 = v.set(2)
print(v.get(), t1.var is v, t1.old_value, t2.old_value, t1.old_value is Token.MISSING, repr(Token.MISSING))
print(repr(t2).startswith("<Token var=<ContextVar name='v' default=0 at 0x"))
v.reset(t2)
print(v.get(), repr(t2).startswith("<Token used var="))
for bad, tok in [(v, t2), (w, t1)]:
    try:
        bad.reset(tok)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, str(e).split(" ")[-4:])
v.reset(t1)
print(v.get())
try:
    v.reset("x")
except TypeError as e:
    print("TypeError:", e)
try:
    ContextVar(1)
except TypeError as e:
    print("TypeError:", e)

ctx = copy_context()
w.set("outer")
print(w in ctx, len(ctx), "after copy:", w.get())
def inside(a, b=0):
    w.set("inner")
    v.set(a + b)
    return w.get(), v.get(), len(copy_context())
print(ctx.run(inside, 40, b=2))
print(w.get(), v.get(), ctx[w], ctx[v], ctx.get(w), sorted(x.name for x in ctx))
print(sorted(k.name for k in ctx.keys()), sorted(map(str, ctx.values())), len(ctx.items()))
try:
    ctx[1]
except TypeError as e:
    print("TypeError:", e)
try:
    ContextVar("fresh") in ctx and None
    ctx[ContextVar("fresh")]
except KeyError as e:
    print("KeyError", type(e.args[0]).__name__)
def reenter():
    ctx.run(print, "nested")
try:
    ctx.run(reenter)
except RuntimeError as e:
    print("RuntimeError:", str(e).startswith("cannot enter context: <_contextvars.Context object at"))
empty = Context()
print(len(empty), empty.run(lambda: v.get()), ctx == ctx.copy(), ctx == empty)
try:
    hash(empty)
except TypeError as e:
    print("TypeError: unhashable", "Context" in str(e))
try:
    Context(1)
except TypeError as e:
    print("TypeError:", e)

# Each thread starts in its own empty context; its sets never leak to other threads.
mu = _thread.allocate_lock()
seen = []
finished = [0]
def worker(k):
    before = v.get()
    tok = v.set(k)
    vals = []
    for _ in range(500):
        vals.append(v.get())
    with mu:
        seen.append((k, before, set(vals) == {k}, w.get("unset")))
        finished[0] += 1
for k in range(6):
    _thread.start_new_thread(worker, (k,))
while True:
    with mu:
        if finished[0] == 6:
            break
print(sorted(seen), v.get())
print(contextvars.__all__ if hasattr(contextvars, "__all__") else None)
