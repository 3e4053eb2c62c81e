# Direct calls of module-level functions: arguments are evaluated left to right whether a local is lent
# (read in place) or passed counted, an unbound local raises where it stands, and a rebound name takes the
# general call with every argument.


def f(a, b, c):
    return (a, b, c)


def side(tag):
    print("side", tag)
    return tag


def boom():
    raise ValueError("boom")


def run(x, flag):
    y = [x]
    print(f(side(1), y, x))
    print(f(y, side(2), y))
    if flag:
        z = "bound"
    try:
        print(f(side(3), z, side(4)))
    except UnboundLocalError as e:
        print("unbound:", e)
    try:
        print(f(y, boom(), side(5)))
    except ValueError as e:
        print("raised:", e)
    return y


print(run(5, True))
print(run(6, False))

original = f


def f(a, b, c):
    return ("rebound", a, b, c)


print(run(7, True))
f = original
print(run(8, True))
