# select.select and select.poll on pipes.
import os
import select

r, w = os.pipe()
print(select.select([r], [w], [], 0) == ([], [w], []))
os.write(w, b"x")
print(select.select([r], [], [], 0)[0] == [r])
p = select.poll()
p.register(r, select.POLLIN)
p.register(w, select.POLLOUT)
print(sorted((fd == r, ev) for fd, ev in p.poll(0)))
p.modify(w, select.POLLIN)
print([(fd == r, ev) for fd, ev in p.poll(0)])
os.read(r, 1)
print(p.poll(0))
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print("KeyError", e.args == (w,))
try:
    p.modify(w, select.POLLIN)
except OSError as e:
    print(type(e).__name__, e.errno)
os.close(w)
print([(fd == r, ev & select.POLLHUP != 0) for fd, ev in p.poll(1000)])
print(select.select([r], [], [], 0)[0] == [r], os.read(r, 10))
try:
    select.select([], [], [], -1)
except ValueError as e:
    print(e)
try:
    select.select(["x"], [], [])
except TypeError as e:
    print(e)
print(select.error is OSError, select.POLLIN, select.POLLOUT, select.POLLHUP)
os.close(r)
