# _thread.interrupt_main: the main thread's SIGINT handler runs (KeyboardInterrupt by default) at its next safe point.
import _thread
import signal
import time

try:
    _thread.interrupt_main()
    for i in range(1000000):
        pass
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt in main")

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
done = []
def worker():
    _thread.interrupt_main(signal.SIGUSR1)
    done.append(1)
_thread.start_new_thread(worker, ())
while not done:
    time.sleep(0.001)
for i in range(1000):
    pass
print(got == [signal.SIGUSR1])
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
_thread.interrupt_main(signal.SIGUSR2)
print("ignored")
for bad in (0, 65, 1000):
    try:
        _thread.interrupt_main(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    _thread.interrupt_main("x")
except TypeError as e:
    print("TypeError", e)
