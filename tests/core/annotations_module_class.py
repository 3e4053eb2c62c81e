# Variable annotations in module and class bodies fill __annotations__ (in order, after the assignment);
# annotations on attributes and subscripts and in functions are evaluated or skipped as CPython does.
x: int = 1
y: 'str'
print(__annotations__, x)


def trace(v):
    print("evaluated", v)
    return v


class C:
    a: trace(int) = trace(5)
    b: list[int]
    __private: str = 'p'
    (c): float = 2.0
    print(sorted(__annotations__), a)


print(C.__annotations__, C.a, C._C__private, C.c)


class D(C):
    z: bytes


print(D.__annotations__, 'b' in D.__dict__)


class O:
    pass


o = O()
o.attr: trace(int) = 3
d = {}
d['k']: trace(str) = 'v'
print(o.attr, d, __annotations__)


def f():
    local: trace(bytes) = 1
    return local


print(f())
