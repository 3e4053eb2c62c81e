# signal: handlers set from Python run in the main thread; SIGINT's default handler raises KeyboardInterrupt.
import os
import signal

print(signal.SIGINT, signal.SIGTERM, signal.SIG_DFL, signal.SIG_IGN, signal.NSIG)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, signal.getsignal(signal.SIGUSR1))
print(repr(signal.Signals.SIGINT), signal.Signals(15).name, signal.Handlers.SIG_IGN)
got = []


def handler(signum, frame):
    got.append((signum, frame))


old = signal.signal(signal.SIGUSR1, handler)
print(old, signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print([(s, type(f).__name__ in ("frame", "NoneType")) for s, f in got])
os.kill(os.getpid(), signal.SIGUSR1)
print(len(got))
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print(len(got), signal.getsignal(signal.SIGUSR1))
signal.signal(signal.SIGUSR1, signal.SIG_DFL)

try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))


def boom(signum, frame):
    raise RuntimeError("from handler %d" % signum)


signal.signal(signal.SIGUSR2, boom)
try:
    n = 0
    os.kill(os.getpid(), signal.SIGUSR2)
    while True:
        n += 1
except RuntimeError as e:
    print("RuntimeError", e)

for bad in [0, -1, 1000]:
    try:
        signal.signal(bad, handler)
    except ValueError as e:
        print("ValueError", e)
try:
    signal.signal(signal.SIGUSR1, 42)
except TypeError as e:
    print("TypeError", e)
try:
    signal.signal(signal.SIGKILL, handler)
except OSError as e:
    print(type(e).__name__, e)
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM))
vs = signal.valid_signals()
print(type(vs).__name__, signal.SIGINT in vs, len(vs) > 30)
print(signal.alarm(0), signal.set_wakeup_fd(-1))
