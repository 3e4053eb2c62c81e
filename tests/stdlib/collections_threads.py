# deque and defaultdict shared by racing threads: appends, pops and default-factory inserts never lose or
# duplicate an item.
import _thread
from _collections import deque, defaultdict

N = 4
PER = 5000
lock = _thread.allocate_lock()
finished = [0]


def run(work):
    finished[0] = 0
    for k in range(N):
        _thread.start_new_thread(work, (k,))
    while True:
        with lock:
            if finished[0] == N:
                return


def done():
    with lock:
        finished[0] += 1


d = deque()


def appender(k):
    for i in range(PER):
        if i % 2:
            d.append((k, i))
        else:
            d.appendleft((k, i))
    done()


run(appender)
items = list(d)
print("append", len(items), len(set(items)))

popped = []


def popper(k):
    got = []
    while True:
        try:
            got.append(d.pop() if k % 2 else d.popleft())
        except IndexError:
            break
    with lock:
        popped.extend(got)
    done()


run(popper)
print("pop", len(popped), len(set(popped)), sorted(popped) == sorted(items), list(d))

bounded = deque(maxlen=100)


def bounded_appender(k):
    for i in range(PER):
        bounded.append(i)
    done()


run(bounded_appender)
print("maxlen", bounded.maxlen, list(bounded).count(PER - 1) >= 1, sum(1 for _ in bounded))

groups = defaultdict(list)


def grouper(k):
    for i in range(PER):
        groups[i % 10].append((k, i))
    done()


run(grouper)
print("defaultdict", sorted(groups.keys()), sum(len(v) for v in groups.values()), sorted(len(v) for v in groups.values()))

rot = deque(range(1000))


def rotator(k):
    for i in range(PER):
        rot.rotate(1 if k % 2 else -1)
    done()


run(rotator)
print("rotate", sorted(rot) == list(range(1000)), sum(1 for _ in rot))
