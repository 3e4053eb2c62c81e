# None: identity, repr, truthiness, comparisons and errors.
x = None
print(x, repr(x), str(x), type(x).__name__, bool(x), x is None, x == None, x != 0)
print([None] * 3, (None,), {None: None})


def returns_none():
    pass


print(returns_none() is None, print("print returns") is None)
print(None == False, None == 0, None == "", None in [0, False, ""])
values = [3, None, 1]
print([v for v in values if v is not None])
print(hash(None) == hash(None))
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    None < None
except TypeError as e:
    print("TypeError:", e)
try:
    None.foo
except AttributeError as e:
    print("AttributeError:", e)
try:
    x[0]
except TypeError as e:
    print("TypeError:", e)
try:
    len(None)
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in None:
        pass
except TypeError as e:
    print("TypeError:", e)
