# Positional-only parameters (/), mixed with normal and keyword-only ones.
def f(a, b, /, c, d=4, *, e, f=6):
    return (a, b, c, d, e, f)


print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, d=40, e=5, f=60))
print(f(1, 2, 3, 4, e=5))


def pos_only_default(x, y=2, /):
    return x * y


print(pos_only_default(5), pos_only_default(5, 3))


def kw_named_like_pos(a, /, **kwargs):
    return a, kwargs


print(kw_named_like_pos(1, a=2, b=3))

try:
    f(1, b=2, c=3, e=5)
except TypeError as e:
    print("TypeError:", e)
try:
    f(a=1, b=2, c=3, e=5)
except TypeError as e:
    print("TypeError:", e)
try:
    pos_only_default()
except TypeError as e:
    print("TypeError:", e)
try:
    pos_only_default(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
