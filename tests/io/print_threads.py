# print() from racing threads: every call's output stays whole (the lines are identical, so any tearing shows).
import _thread

N, LINES = 4, 300
lock = _thread.allocate_lock()
done = []

def worker():
    for _ in range(LINES):
        print("the same whole line from a thread", 12345, sep=" | ")
    with lock:
        done.append(1)

for _ in range(N):
    _thread.start_new_thread(worker, ())
while True:
    with lock:
        if len(done) == N:
            break
print("done", len(done))
