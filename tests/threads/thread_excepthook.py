# _thread._excepthook and _ExceptHookArgs (threading.excepthook's native parts).
import _thread
import sys

A = _thread._ExceptHookArgs
print(A.__name__, A.__module__, A.n_fields, A.n_sequence_fields)
try:
    raise ValueError("boom")
except ValueError:
    args = A([*sys.exc_info(), None])
print(args.exc_type.__name__, args.exc_value, args.thread, len(args), args[0] is ValueError)
print(repr(A([1, 2, 3, 4])))
# SystemExit is ignored silently, whatever the thread.
print(_thread._excepthook(A([SystemExit, SystemExit(3), None, None])))
try:
    _thread._excepthook((1, 2, 3, 4))
except TypeError as e:
    print("TypeError:", e)
try:
    A([1, 2])
except TypeError as e:
    print("TypeError:", e)

class FakeThread:
    name = "worker-7"
sys.stdout.flush()
print(_thread._excepthook(A([KeyError, KeyError("k"), None, FakeThread()])))
print(_thread._excepthook(args))
