# One file object shared by racing threads: no write is lost or torn, and reads hand out each line once.
import _thread

P = "/tmp/crabby_io_file_threads.txt"
N, LINES = 4, 500
lock = _thread.allocate_lock()
done = []

def run(target, *args):
    done.clear()
    for i in range(N):
        _thread.start_new_thread(target, (i,) + args)
    while True:
        with lock:
            if len(done) == N:
                return

def writer(i, f):
    for j in range(LINES):
        f.write(f"thread {i} line {j:04d}\n")
    with lock:
        done.append(i)

f = open(P, "w")
run(writer, f)
f.close()
with open(P) as f:
    lines = f.readlines()
print(len(lines), all(len(l) == len("thread 0 line 0000\n") for l in lines))
print(sorted(lines) == sorted(f"thread {i} line {j:04d}\n" for i in range(N) for j in range(LINES)))

seen = []
def reader(i, f):
    mine = []
    for line in iter(f.readline, ""):
        mine.append(line)
    with lock:
        seen.extend(mine)
        done.append(i)

with open(P) as f:
    run(reader, f)
print(len(seen), sorted(seen) == sorted(lines))
