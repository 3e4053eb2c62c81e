# compile(): modes, code objects, and running them.
c = compile("a = 1\nb = a + 2", "fn.py", "exec")
print(type(c).__name__, c.co_name, c.co_filename, c.co_firstlineno)
d = {}
print(exec(c, d), d["b"])
e = compile("6 * 7", "<expr>", "eval")
print(eval(e), eval(e, {}), eval(compile("x", "s", "eval"), {"x": 9}))
print(eval(c, {}))
s = compile("1 + 1", "<single>", "single")
exec(s)
exec(compile("None", "<single>", "single"))
exec(compile("v = 'text'; v; v * 2", "<single>", "single"), {})
f = compile("def fn(a, b, *, c=1):\n    return a, b, c\n", "<defs>", "exec")
ns = {}
exec(f, ns)
code = ns["fn"].__code__
print(code.co_name, code.co_argcount, code.co_kwonlyargcount, code.co_varnames, code.co_filename)
print(ns["fn"](1, 2, c=3))
print(compile(b"x = 1", "b.py", "exec").co_filename)
