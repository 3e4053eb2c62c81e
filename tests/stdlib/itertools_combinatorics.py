# itertools: product, permutations, combinations, combinations_with_replacement, in CPython's order.
import math
from itertools import combinations, combinations_with_replacement, permutations, product

print(list(product("AB", "xy")), list(product(range(2), repeat=3)), list(product()), list(product("ab", [])))
print(list(product("ab", repeat=0)), list(product([1, 2], "c", [True]))[:3], len(list(product(range(3), range(4), range(5)))))
print(list(permutations("ABC")), list(permutations(range(3), 2)), list(permutations("ab", 0)), list(permutations("ab", 3)))
print(list(permutations([])), list(permutations([], 0)), list(permutations("a", 1)), len(list(permutations(range(6)))))
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations("ab", 0)), list(combinations("ab", 3)))
print(list(combinations_with_replacement("ABC", 2)), list(combinations_with_replacement(range(2), 3)), list(combinations_with_replacement("a", 0)))
for n in range(7):
    for r in range(n + 2):
        assert len(list(combinations(range(n), r))) == math.comb(n, r)
        assert len(list(permutations(range(n), r))) == math.perm(n, r)
        assert len(list(combinations_with_replacement(range(n), r))) == (math.comb(n + r - 1, r) if n else int(r == 0))
        assert sorted(combinations(range(n), r)) == list(combinations(range(n), r))
print("counts ok")
p = permutations([1, 2, 3])
print(next(p), next(p), list(p), list(p))
it = iter([3, 1, 2])
print(list(combinations(it, 2)), list(it))
print(sum(1 for _ in product(range(10), repeat=4)), list(product([[1]], [(2,)])))
print(list(permutations("aab", 2)), list(combinations("aab", 2)))
