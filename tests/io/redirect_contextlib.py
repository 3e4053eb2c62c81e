# contextlib.redirect_stdout and redirect_stderr capture print() into io.StringIO.
import contextlib
import io
import sys

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("inside")
    sys.stdout.write("direct\n")
print("after:", repr(buf.getvalue()))
err = io.StringIO()
with contextlib.redirect_stderr(err):
    print("to stderr", file=sys.stderr)
print(repr(err.getvalue()))
