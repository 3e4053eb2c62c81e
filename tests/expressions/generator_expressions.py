# Generator expressions consumed by builtins; laziness and exhaustion.
print(sum(x * x for x in range(10)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(list(x for x in "abc"), tuple(i for i in range(3)))
print(any(x > 5 for x in [1, 7, 3]), all(x > 0 for x in [1, 2, -1]))
print(sorted((x % 4 for x in range(10)), reverse=True))
print(", ".join(str(n) for n in range(5)))
gen = (n * 10 for n in range(3))
print(list(gen), list(gen))
seen = []


def note(v):
    seen.append(v)
    return v


lazy = (note(v) for v in range(5))
print(seen)
print(next(lazy), next(lazy), seen)
print(list(lazy), seen)
print(sum(a * b for a in range(3) for b in range(3) if a != b))
print(dict((k, k * 2) for k in range(3)))
print(min((x for x in [] ), default="empty"))
first_big = next(x for x in range(100) if x * x > 50)
print(first_big)
try:
    next(x for x in [])
except StopIteration as e:
    print("StopIteration", repr(e))
