def f1(x):
    return x + 1
def f2(x):
    "doc"
    if x is None:
        return 1
    return 2
def f3(a=1, b=(2, 3)):
    y = [1, 2, 3]
    z = {1, 2, 3}
    w = x in [4, 5]
    return a.b.c(k=1, j=2), y[1:2], y[:2], -5, 1024, 'a' 'b', 1.5, None, True
def f4():
    import os, os.path
    from sys import argv as a, path
    global gg
    gg = x = 1
    gg.attr, len(x)
    super().foo()
    raise ValueError("m")
def f5():
    pass
def d1():
    return 1
    print(x, 2)
def d2(x):
    while True:
        x.f(3)
    return 4
def d3(x):
    if x is not None and x.y is None:
        return x
    y = x is None
    return [i * 2 for i in x if i is not None]
def d4(x):
    "doc"
    if x is None: pass
    return None
def d5(a):
    a.b += 1; a[1:2] = 3; del a[::2]; a[0] = {'k': 1, 'j': a}; b = {a: 1, 'z': 2}
    for i in [1, 2, 3]:
        if i in {4, 5, 6}: break
    else:
        return -0.0, 0.0, 0, False, ~5, not 0, +1.5, (1, 2), (), ...
def d6(x):
    while x:
        if x > 3:
            continue
        x -= 1
    else:
        y = 'else'
    if False:
        z = 'dead'
    elif x:
        z = 'elif'
    else:
        return 'ret'
    n = -1 if x else b'by'
    return {k: v for k, v in x.items()}, {1, 2}, [3, 4], (x, 5)
