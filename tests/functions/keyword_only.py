# Keyword-only parameters after * or *args.
def kw(a, *, b, c=3):
    return a, b, c


print(kw(1, b=2))
print(kw(1, c=30, b=20))
print(kw(a=1, b=2))


def after_args(*args, sep="-"):
    return sep.join(args)


print(after_args("x", "y", "z"))
print(after_args("x", "y", sep="+"))

try:
    kw(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1)
except TypeError as e:
    print("TypeError:", e)


def two_required(*, x, y):
    return x - y


try:
    two_required()
except TypeError as e:
    print("TypeError:", e)
print(two_required(y=1, x=10))
