# How an exception group is printed (sys.excepthook, the printer of uncaught exceptions): the nested boxes,
# "Exception Group Traceback" headers, chained causes and contexts inside a box, notes, more than 15
# sub-exceptions, and groups nested deeper than 10 levels. Printed to stdout here so every line is compared;
# the program ends with an uncaught group too (its last stderr line is the box's closing line).
import sys


def f(n):
    raise ValueError(n)


def g():
    excs = []
    for i in range(3):
        try:
            f(i)
        except ValueError as e:
            excs.append(e)
    try:
        raise KeyError("ctx")
    except KeyError:
        eg = ExceptionGroup("inner", [TypeError("t"), ExceptionGroup("deep", [OSError(1, "x")])])
        excs.append(eg)
        e2 = ValueError("noted")
        e2.add_note("note A\nline2")
        excs.append(e2)
        raise ExceptionGroup("many", excs)


class Collect:
    """Stands in for sys.stderr, so the printed lines can be compared without the checkout's directory."""

    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


def without_dirs(line):
    start = line.find('File "')
    if start < 0:
        return line
    end = line.index('"', start + 6)
    return line[: start + 6] + line[start + 6 : end].rsplit("/", 1)[-1] + line[end:]


def show(e):
    saved = sys.stderr
    out = sys.stderr = Collect()
    try:
        sys.__excepthook__(type(e), e, e.__traceback__)
    finally:
        sys.stderr = saved
    for line in "".join(out.parts).splitlines():
        print(without_dirs(line))
    print("=" * 20)


try:
    g()
except Exception as e:
    try:
        raise RuntimeError("wrapper") from e
    except RuntimeError as r:
        show(r)

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("x")
except ExceptionGroup as e:
    show(e)

show(ExceptionGroup("wide", [ValueError(i) for i in range(17)]))
show(ExceptionGroup("wide16", [ValueError(i) for i in range(16)]))

deep = ValueError("leaf")
for i in range(12):
    deep = ExceptionGroup(f"level {i}", [deep])
show(deep)

e = ExceptionGroup("noted group", [ValueError(1)])
e.add_note("group note")
show(e)


def raiser():
    raise ExceptionGroup("uncaught", [ValueError("a"), ExceptionGroup("b", [TypeError("c")])])


raiser()
