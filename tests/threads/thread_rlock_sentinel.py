# _thread locks: RLock's Condition protocol (_release_save/_acquire_restore/_recursion_count), reprs,
# acquire's argument checks, _set_sentinel and _count.
import _thread

r = _thread.RLock()
print(r._recursion_count(), r._is_owned())
r.acquire(); r.acquire(); r.acquire()
print(r._recursion_count(), r._is_owned())
print(repr(r).startswith("<locked _thread.RLock object owner="), "count=3" in repr(r))
saved = r._release_save()
print(type(saved).__name__, saved[0], saved[1] == _thread.get_ident(), r._recursion_count())
print(repr(r).startswith("<unlocked _thread.RLock object owner=0 count=0 at 0x"))
try:
    r._release_save()
except RuntimeError as e:
    print("RuntimeError:", e)
r._acquire_restore(saved)
print(r._recursion_count())
for _ in range(3):
    r.release()
print(r._recursion_count())

# Another thread cannot release or see ownership of an RLock this thread holds.
out = []
done = _thread.allocate_lock()
done.acquire()
def other():
    try:
        r.release()
    except RuntimeError as e:
        out.append("RuntimeError: " + str(e))
    out.append(r._is_owned())
    out.append(r._recursion_count())
    out.append(r.acquire(blocking=False))
    out.append(r.acquire(timeout=0.05))
    done.release()
r.acquire()
_thread.start_new_thread(other, ())
done.acquire()
r.release()
print(out)

l = _thread.allocate_lock()
print(repr(l).startswith("<unlocked _thread.lock object at 0x"))
l.acquire()
print(repr(l).startswith("<locked _thread.lock object at 0x"))
l.release()
for args, kw in [((False, 1), {}), ((True, -2), {}), ((), {"timeout": 1e12}), ((), {"timeout": "x"}),
                 ((1, 2, 3), {}), ((), {"bogus": 1}), ((), {"timeout": float("nan")}), ((), {"timeout": 10**10}),
                 ((), {"timeout": 2**70}), ((), {"timeout": -0.5}), ((), {"timeout": -1}), ((None, -1.0), {}),
                 ((False, "x"), {}), ((), {"timeout": True}), (("yes",), {}), ((), {"timeout": None})]:
    try:
        print(l.acquire(*args, **kw))
        l.release()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(l.acquire(0), l.acquire(False), l.acquire(True, 0))
l.release()
print(l.acquire(timeout=0), l.locked())
l.release()

# _set_sentinel: held while its thread runs, released when it ends.
holder = []
go = _thread.allocate_lock()
go.acquire()
def sentinel_owner():
    lk = _thread._set_sentinel()
    first = lk.locked()
    lk.acquire()
    holder.append((first, lk))
    go.acquire()
_thread.start_new_thread(sentinel_owner, ())
while not holder:
    pass
first, s = holder[0]
print(first, s.locked(), _thread._count() >= 1)
go.release()
s.acquire()
print("thread ended")
print(_thread.stack_size(), _thread.daemon_threads_allowed(), _thread.error is RuntimeError)
print(type(_thread.get_native_id()).__name__, _thread.get_ident() == _thread.get_ident())
for size in [-1, 100, 40000, 0]:
    try:
        print(_thread.stack_size(size))
    except ValueError as e:
        print("ValueError:", e)
try:
    _thread.start_new_thread(1, ())
except TypeError as e:
    print("TypeError:", e)
try:
    _thread.start_new_thread(print, [])
except TypeError as e:
    print("TypeError:", e)
try:
    _thread.start_new_thread(print, (), [])
except TypeError as e:
    print("TypeError:", e)
