# sys.excepthook receives uncaught exceptions; the default hook prints the traceback to sys.stderr.
import sys


def hook(t, v, tb):
    print("hook:", t.__name__, v, tb is None or hasattr(tb, "tb_next"))


try:
    raise ValueError("handled")
except ValueError as e:
    sys.excepthook(type(e), e, None)
print(sys.excepthook(1, 2, 3))
sys.excepthook = hook
print("before")
raise KeyError("boom")
