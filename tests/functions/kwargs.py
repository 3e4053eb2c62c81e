# **kwargs collects extra keywords into a dict preserving call order.
def opts(**kwargs):
    return kwargs


print(opts())
print(opts(b=2, a=1, c=3))


def mixed(a, b=2, *args, c, d=4, **kwargs):
    return f"a={a} b={b} args={args} c={c} d={d} kwargs={kwargs}"


print(mixed(1, c=3))
print(mixed(1, 2, 3, 4, c=5, e=6, f=7))
print(mixed(c=1, a=2, z=0))
print(mixed(*[1, 2, 3], **{"c": 10, "x": 11}))


def forward(*args, **kwargs):
    return mixed(*args, **kwargs)


print(forward(9, c=8, y="y"))

d = {"b": 20, "c": 30}
print(mixed(1, **d))
print(mixed(1, **d, d=40))
print(mixed(1, **{"c": 1}, **{"e": 2}))
try:
    mixed(1, **d, **{"c": 31})
except TypeError as e:
    print("TypeError:", e)
try:
    opts(**{1: 2})
except TypeError as e:
    print("TypeError:", e)
