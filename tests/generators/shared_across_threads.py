# A generator shared by racing threads: every item is produced exactly once; a resumption while another
# thread runs the generator fails with "generator already executing" instead of corrupting it.
import _thread

def gen(n):
    for i in range(n):
        yield i

N = 20000
g = gen(N)
got = []
lock = _thread.allocate_lock()
done = [0]
errors = set()

def consume():
    while True:
        try:
            v = next(g)
        except StopIteration:
            break
        except ValueError as e:
            errors.add(str(e))
            continue
        got.append(v)
    with lock:
        done[0] += 1

for _ in range(4):
    _thread.start_new_thread(consume, ())
while True:
    with lock:
        if done[0] == 4:
            break
print(len(got), sorted(got) == list(range(N)), errors <= {"generator already executing"})
