# Lists used by one thread, then raced by several, then by one again: single list operations (index, store,
# append, pop, insert, slice, unpack, len, iteration) never lose or tear an update, whether the program has
# one thread (crabby skips the list locks then) or several.
import threading

shared = list(range(8))
cells = [0] * 8
box = [[1, 2, 3]]


def solo_work(rounds):
    total = 0
    for i in range(rounds):
        cells[i % 8] += 1
        shared.append(i)
        total += shared.pop(0)
        shared.insert(0, shared.pop())
        a, b, c = box[0]
        total += a + b + c + len(shared) + shared[-1]
        total += sum(shared[:3]) + sum(shared[::-2])
    return total


def racer(k, rounds, out):
    mine = []
    for i in range(rounds):
        shared.append(k)
        mine.append(shared.pop())
        box[0] = [k, k, k]
        a, b, c = box[0]
        if not (a == b == c):
            out.append("torn")
        for x in box[0]:
            mine.append(x)
    out.append(len(mine))


print(solo_work(1000), len(shared), cells)
out = []
threads = [threading.Thread(target=racer, args=(k, 2000, out)) for k in range(4)]
for t in threads:
    t.start()
print("main while racing:", solo_work(500) > 0)
for t in threads:
    t.join()
print(sorted(out), len(shared))
shared.sort()
print(len(shared), solo_work(1000) > 0, len(shared), sum(cells))
