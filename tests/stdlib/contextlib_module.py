# contextlib: contextmanager, suppress, ExitStack, closing, nullcontext, redirect_stdout.
import contextlib
import io


@contextlib.contextmanager
def tag(name, log):
    log.append("<" + name)
    try:
        yield name.upper()
    except KeyError as e:
        log.append("caught " + repr(e))
    finally:
        log.append(name + ">")


log = []
with tag("a", log) as v:
    log.append(v)
with tag("b", log):
    raise KeyError("k")
print(log)
with contextlib.suppress(ZeroDivisionError):
    1 / 0
print("suppressed")
with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    print("in stack")


class Res:
    def close(self):
        print("closed")


with contextlib.closing(Res()):
    print("using")
with contextlib.nullcontext(5) as n:
    print("null", n)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
try:
    with tag("c", log):
        raise ValueError("v")
except ValueError as e:
    print("ValueError", e, log[-1])
