# List comprehensions with nested for/if clauses and nested comprehensions.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([c.upper() for c in "hello" if c != "l"])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
print([(a, b, c) for a in range(1, 15) for b in range(a, 15) for c in range(b, 15) if a * a + b * b == c * c])
print([i if i % 2 else -i for i in range(6)])
print([len(w) for w in "the quick brown fox".split()])
print([k for k, v in {"a": 1, "b": 2, "c": 1}.items() if v == 1])
x = "outer x"
print([x for x in "ab"], x)
print([lambda_result for lambda_result in map(lambda n: n + 1, [1, 2])])
print([[] for _ in range(3)])
print([y for y in []])
