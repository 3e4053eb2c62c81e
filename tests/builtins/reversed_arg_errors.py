# reversed(): argument-count and keyword errors use CPython's wording; a valid call still reverses.
for args, kwargs in [((1, 2), {}), ((), {}), ((), {"seq": [1]}), (([1],), {"x": 2})]:
    try:
        reversed(*args, **kwargs)
    except TypeError as e:
        print(type(e).__name__, e)
print(list(reversed([1, 2, 3])), list(reversed("ab")), list(reversed(range(3))))
