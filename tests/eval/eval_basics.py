# eval(): expressions, namespaces, defaults to the caller's frame.
x = 10
print(eval("x + 1"))
print(eval("1 + 2 * 3 - 4 // 3"))
print(eval("  'leading spaces are ignored'"))
print(eval(b"[1, 2] + [3]"))
print(eval("a * b", {"a": 6, "b": 7}))
print(eval("a + b", {"a": 1}, {"b": 2}))
print(eval("x", {"x": "globals"}, {"x": "locals"}))
print(eval("(lambda q: q * x)(3)"))


def f():
    z = 5
    return eval("z * 3 + x")


print(f())


def g(n):
    return [eval("n + i") for i in range(3)], eval("i * 2", None, {"i": 1000})


print(g(100))

# A mapping that is not a dict as locals.
class Mapping:
    def __getitem__(self, key):
        if key == "magic":
            return 42
        raise KeyError(key)


print(eval("magic + 1", {}, Mapping()))
print(eval("len('abc')", {}))
ns = {}
eval("1", ns)
print("__builtins__" in ns, sorted(k for k in ns if k != "__builtins__"))
print(eval("[i * i for i in range(5) if i % 2 == 0]"))
print(eval("{k: v for k, v in zip('ab', (1, 2))}"))
print(eval("{c for c in 'hello'}") == set("hello"))
print(eval("f'{x!r:>5}|{x=}|{x:#x}'"))
print(eval("sum(i for i in range(10))"))
print(eval("(1, 'two', 3.0, None, True, ...)"))
print(eval("x if x > 5 else -x"), eval("not x"), eval("1 < x <= 10 < 11"))
print(eval("[*range(3), *'ab']"), eval("{**{'a': 1}, 'b': 2}"))
print(eval("(y := 5) + y"))
print(eval("'abc'[1:]"), eval("[1, 2, 3][::-1]"))
print(eval("10 ** 30"), eval("0x10 | 1"), eval("2.5 * 2"), eval("3j * 2"))
print(eval("x.bit_length()"), eval("'a,b'.split(sep=',')"))


def walrus_arg():
    src = "1"
    return eval(src := "40 + 2"), src, exec(code := "v = 1"), code


print(walrus_arg())
