# heapq: the pure-Python module (nlargest, nsmallest, merge) over the native _heapq.
import heapq

data = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15, 13, 12, 14, 10]
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
print(heapq.nsmallest(2, ["bb", "a", "ccc"], key=len), list(heapq.merge([7, 4, 1], [8, 5], reverse=True)))
print(heapq.nlargest(2, [(1, "a"), (3, "b"), (2, "c")], key=lambda p: p[1]))
h = []
for v in [5, 1, 4]:
    heapq.heappush(h, v)
print(h, heapq.heappop(h), heapq.heappushpop(h, 0), h)
