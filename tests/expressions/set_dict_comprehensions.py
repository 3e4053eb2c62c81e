# Set and dict comprehensions (sets of ints only, for a deterministic order).
print({x % 5 for x in range(20)})
print({x * x for x in range(-3, 4)})
print({n for n in range(30) if n % 7 == 0})
print({x: x * x for x in range(6)})
print({c: i for i, c in enumerate("abcab")})
print({k: v for k, v in zip("xyz", [1, 2, 3]) if v != 2})
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print({w[0]: len(w) for w in words})
print({(a, b): a * b for a in range(2) for b in range(2)})
inverse = {v: k for k, v in {"one": 1, "two": 2}.items()}
print(inverse)
print({i: {j for j in range(i)} for i in range(4)})
print({x: [y for y in range(x)] for x in range(3)})
print(sorted({len(w) for w in words}))
