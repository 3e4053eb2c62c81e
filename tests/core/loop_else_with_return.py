# return from inside loops with else clauses, and search patterns.
def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            return i
    else:
        return -1


def first_negative(nums):
    i = 0
    while i < len(nums):
        if nums[i] < 0:
            break
        i += 1
    else:
        return None
    return nums[i]


print(find([5, 6, 7], 6), find([5, 6, 7], 8), find([], 1))
print(first_negative([1, 2, -3, -4]), first_negative([1, 2]))


def count_until(limit):
    n = 0
    while True:
        n += 1
        if n * n > limit:
            return n


print(count_until(50), count_until(0))


def loop_in_loop():
    for a in range(3):
        for b in range(3):
            if a + b == 3:
                return a, b
    return None


print(loop_in_loop())
