# exec(): statements, namespaces, functions and classes defined at run time.
exec("y = 2 * 21\nprint('y is', y)")
print(y)
g = {}
r = exec("""
def add(a, b=2, *args, c=3, **kw):
    '''Adds things.'''
    return a + b + c + sum(args) + sum(kw.values())

total = 0
for i in range(5):
    if i == 3:
        continue
    total += i
else:
    total *= 10
while total > 50:
    total -= 7
    if total < 55:
        break
""", g)
print(r, g["total"], g["add"](1), g["add"](1, 2, 3, 4, c=5, d=6), g["add"].__doc__)
print(g["add"].__name__, g["add"].__qualname__, g["add"].__defaults__, g["add"].__kwdefaults__)
print(sorted(k for k in g if k != "__builtins__"))

# Separate globals and locals: top-level names go to locals; functions see globals.
gl, lo = {}, {}
exec("a = 1\ndef f():\n    return a\nb = [a for _ in range(2)]", gl, lo)
print(sorted(lo), "a" in gl, lo["b"])
try:
    lo["f"]()
except NameError as e:
    print("NameError:", e)

# Closures, nonlocal, global.
exec("""
counter = 0
def make():
    n = 0
    def inc(step=1):
        nonlocal n
        global counter
        n += step
        counter += 1
        return n
    return inc
inc = make()
inc(); inc(5)
print('n via closure', inc(), 'counter', counter)
""", {})

# Unpacking, augmented assignment, del, assert, with, try/except/else/finally.
ns = {}
exec("""
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
lst = [1, 2, 3]
lst[0] += 10
obj = type('O', (), {})()
obj.v = 1
obj.v *= 7
del lst[1]
print(lst, obj.v)
class CM:
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, *exc):
        print('exit', exc[0].__name__ if exc[0] else None)
        return True
with CM() as cm:
    raise ValueError('swallowed')
def trial(v):
    try:
        if v == 0:
            raise KeyError('k')
        r = 10 // v
    except KeyError as e:
        return 'key ' + repr(e)
    except (ZeroDivisionError, TypeError):
        return 'arith'
    else:
        return 'ok %d' % r
    finally:
        print('finally', v)
print(trial(0), trial(5), trial('x'))
try:
    assert 1 == 2, 'one is not two'
except AssertionError as e:
    print('assert:', e)
try:
    try:
        raise ValueError('inner')
    except ValueError as e:
        raise RuntimeError('outer') from e
except RuntimeError as e:
    print(type(e.__cause__).__name__, e.__cause__)
del a
print('a' in dir())
""", ns)
print(sorted(k for k in ns if not k.startswith("__")))

# Imports inside exec.
exec("import math\nfrom math import sqrt as s\nprint(math.floor(2.5), s(16))")

# exec in a function uses a snapshot of its locals.
def h():
    v = 1
    exec("v = 2\nprint('inside', v)")
    return v


print(h())
# Module docstring and __annotations__ at top level.
d = {}
exec('"""doc"""\nx: int = 5\ny: str\n', d)
print(d["__doc__"], d["x"], d["__annotations__"])
