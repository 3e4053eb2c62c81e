# list.sort and sorted(): key, reverse, stability, errors.
nums = [5, 2, 9, 1, 5, 6, -3, 0]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y"), (0, "m")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
records = [("ann", 30), ("bob", 25), ("cy", 30), ("di", 25)]
records.sort(key=lambda r: r[1])
print(records)
print(sorted([3.5, 1, 2.25, -1e10, 0]), sorted("hello"), sorted((3, 1, 2)), sorted(range(5, 0, -1)))
print(sorted({3: "c", 1: "a"}), sorted([[2, 1], [1, 2], [1]]), sorted([True, False, 0, 1]))
print(sorted([-5, 3, -1, 2], key=abs), sorted([10, 9, 100], key=str))
print(sorted([]), [].sort(), sorted([1], reverse=True))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)
try:
    [None, None].sort()
except TypeError as e:
    print("TypeError:", e)
