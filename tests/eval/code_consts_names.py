# co_consts and co_names of compiled functions and of code made by compile(), as CPython 3.12 makes them.

def plain(x):
    return x + 1

def documented(x):
    "Return something."
    if x is None:
        return 1
    return 2

def calls(a, b=(2, 3)):
    y = [1, 2, 3]
    w = a in [4, 5]
    return a.b.c(k=1, j=2), y[1:2], y[:2], -5, 'a' 'b', 1.5, None, True, len(y)

def imports():
    import _thread
    from sys import argv as a, path
    global counter
    counter = a
    return _thread.get_ident, path

def loops(x):
    total = 0
    for i in [1, 2, 3]:
        if i in {4, 5, 6}:
            break
        total += i
    while x:
        x -= 1
    else:
        total = 'else'
    return [i * 2 for i in range(3) if i is not None], {k: v for k, v in {'a': 1}.items()}

def dead():
    return 'live'
    print('dead')

lam = lambda q: q * 7

for f in (plain, documented, calls, imports, loops, dead, lam):
    print(f.__name__, f.__code__.co_consts, f.__code__.co_names)
print(documented.__code__.co_consts[0], plain.__code__.co_consts[0])

# Code made at run time.
for src, mode in [('a + b.c * 2', 'eval'), ('-1.5', 'eval'), ('x = 1\nprint(x, "s")\n', 'exec'),
                  ('"module doc"\nimport os.path as p\nfrom . import y\n', 'exec'), ('v = [1, 2, 3]; v', 'single')]:
    code = compile(src, '<src>', mode)
    print(repr(src), mode, code.co_consts, code.co_names)
ns = {}
exec('def made(n):\n    "made doc"\n    return n.attr + glob * 3\n', ns)
print(ns['made'].__code__.co_consts, ns['made'].__code__.co_names)
allowed = {'a', 'b'}
for expr in ['a * b', 'a + open']:
    names = compile(expr, '<expr>', 'eval').co_names
    print(expr, [n for n in names if n not in allowed])

