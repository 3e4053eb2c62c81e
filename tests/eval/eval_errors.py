# Argument checking, exceptions raised inside evaluated code, SyntaxErrors.
class UserDict:
    def __getitem__(self, key):
        raise KeyError(key)


def show(src):
    try:
        r = eval(src)
        print(src, "->", repr(r))
    except BaseException as e:
        print(src, "!!", type(e).__name__, e)


for t in [
    "eval(1)", "eval('1', [])", "eval('1', UserDict())", "eval('1', {}, 5)", "eval('1', globals={})",
    "exec(1)", "exec('1', [])", "exec('1', {}, 5)",
    "compile('1', 'f', 'bad')", "compile(1, 'f', 'exec')", "compile('1')", "eval('a\\x00')",
    "compile('1', 5, 'exec')", "compile('1\\n2', 's', 'single')", "compile('x=1\\ny=2', 's', 'single')", "exec('pass', closure=1)", "eval()",
    "eval('1/0')", "eval('undefined_name')", "eval('[].pop()')", "exec('def f(x): return x\\nf()')",
    "eval('x = 1')", "eval('1; 2')", "eval('')", "exec('  1')", "eval('1\\n2')", "exec('x = = 1')",
    "exec('return 5')", "exec('nonlocal q')", "exec('(')", "exec('if True:\\npass')", "compile('a=1','<s>','eval')",
    "exec('def f():\\n    x = 1\\n    def g():\\n        nonlocal x\\n        del x\\n        return x\\n    return g()\\nf()')",
]:
    show(t)

try:
    exec("for i in range(3):\n    pass\nprint(i +)")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.args[1][4:])
try:
    compile("x = (1,\n     2", "myfile.py", "exec")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno, e.offset)
try:
    exec("def f():\n  return 1\n    return 2")
except IndentationError as e:
    print(type(e).__name__, e)
