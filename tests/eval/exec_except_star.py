# except* and exception groups in code run by exec(): the evaluator uses the same runtime steps as compiled
# code (split per clause, naked exceptions wrapped, raised and unhandled parts merged).
import sys

src = '''
def run(exc):
    out = []
    try:
        if exc is not None:
            raise exc
        out.append("body ok")
    except* ValueError as e:
        out.append("V " + repr(e) + " " + repr(sys.exception()))
    except* TypeError as e:
        out.append("T " + repr(e))
        raise KeyError("from T")
    else:
        out.append("else")
    finally:
        out.append("finally " + repr(sys.exception()))
    return out

for exc in [None, ValueError(1), ExceptionGroup("g", [ValueError(2), TypeError(3)]),
            ExceptionGroup("h", [OSError(4), ValueError(5)]), TypeError(6)]:
    try:
        print(run(exc))
    except BaseException as x:
        print("escaped", repr(x), [repr(s.__context__) for s in getattr(x, "exceptions", [])])

eg = ExceptionGroup("eg", [ValueError(1), ExceptionGroup("sub", [TypeError(2), ValueError(3)])])
try:
    try:
        raise eg
    except* ValueError:
        raise
except ExceptionGroup as x:
    print("reraised", repr(x), x is eg)
try:
    try:
        raise eg
    except* ExceptionGroup:
        pass
except TypeError as x:
    print(x)
print(eg.split(TypeError))
'''
exec(src, {"sys": sys, "__name__": "m"})
for bad in ["try:\n  pass\nexcept* E:\n  pass\nexcept F:\n  pass\n", "try:\n  pass\nexcept*:\n  pass\n",
            "for x in y:\n  try:\n    pass\n  except* E:\n    break\n"]:
    try:
        compile(bad, "<bad>", "exec")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)
