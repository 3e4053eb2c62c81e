# Recursive inner functions referring to themselves through a closure cell.
def permutations(items):
    result = []

    def go(prefix, rest):
        if not rest:
            result.append(prefix)
            return
        for i in range(len(rest)):
            go(prefix + [rest[i]], rest[:i] + rest[i + 1:])
    go([], list(items))
    return result


for p in permutations("abc"):
    print("".join(p))


def subsets(nums):
    def helper(i):
        if i == len(nums):
            return [[]]
        smaller = helper(i + 1)
        return smaller + [[nums[i]] + s for s in smaller]
    return helper(0)


print(subsets([1, 2, 3]))


def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


print(gcd(1071, 462), gcd(2 ** 100, 6 ** 50))


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


print([ackermann(2, n) for n in range(5)])
