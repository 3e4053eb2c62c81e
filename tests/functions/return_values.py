# Implicit None return, multiple returns as tuples, early return.
def nothing():
    pass


def bare_return():
    return


def pair():
    return 1, 2


def single_tuple():
    return (1,)


def early(n):
    if n > 0:
        return "positive"
    print("  not positive:", n)


print(nothing(), bare_return())
print(pair(), type(pair()).__name__)
a, b = pair()
print(a + b)
print(single_tuple())
print(early(5))
print(early(-5))


def returns_function():
    def f():
        return "inner"
    return f


print(returns_function()())


def return_in_loop(items):
    for x in items:
        if x:
            return x
    return "none truthy"


print(return_in_loop([0, "", 7, 8]), return_in_loop([]))
