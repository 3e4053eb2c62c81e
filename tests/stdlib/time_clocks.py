# time: the clocks, compared only with each other (no wall-clock values are printed).
import time

t, tn = time.time(), time.time_ns()
print(type(t).__name__, type(tn).__name__, abs(t - tn / 1e9) < 1.0, t > 1.6e9)
m1, p1 = time.monotonic(), time.perf_counter()
time.sleep(0.02)
m2, p2 = time.monotonic(), time.perf_counter()
print(m2 - m1 >= 0.02, p2 - p1 >= 0.02, m2 - m1 < 5, type(m1).__name__)
print(type(time.monotonic_ns()).__name__, type(time.perf_counter_ns()).__name__, time.monotonic_ns() <= time.monotonic_ns())
c1 = time.process_time()
x = 0
for i in range(300000):
    x += i * i
c2 = time.process_time()
print(c2 >= c1, type(time.process_time_ns()).__name__, time.thread_time() >= 0, type(time.thread_time_ns()).__name__)
print(abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 1.0, time.clock_gettime_ns(time.CLOCK_MONOTONIC) > 0)
print(time.clock_getres(time.CLOCK_MONOTONIC), time.sleep(0), time.sleep(0.001))
for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution)
try:
    time.get_clock_info("nope")
except ValueError as e:
    print("ValueError", e)
try:
    time.clock_gettime(12345)
except OSError as e:
    print("OSError", e.args)
