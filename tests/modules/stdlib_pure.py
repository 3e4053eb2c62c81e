# Pure-Python standard-library modules are compiled from CPython's own sources: bisect and heapq (their C
# accelerators _bisect and _heapq are missing, so the modules' own fallbacks run, as on any Python without
# them).
import bisect
import heapq
from bisect import insort

data = [1, 3, 3, 5, 8]
print(bisect.bisect_left(data, 3), bisect.bisect_right(data, 3), bisect.bisect(data, 9))
insort(data, 4)
print(data)
print(bisect.bisect_left(data, 5, key=lambda x: x), bisect.__name__)

h = [9, 4, 7, 1, 8, 2]
heapq.heapify(h)
print([heapq.heappop(h) for _ in range(3)], h[0])
heapq.heappush(h, 0)
print(heapq.heappushpop(h, 10), heapq.heapreplace(h, 5), sorted(h))
print(heapq.nsmallest(2, [5, 1, 4, 2]), heapq.nlargest(2, [5, 1, 4, 2]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
