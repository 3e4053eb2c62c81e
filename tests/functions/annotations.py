# Function __annotations__ (evaluated when the def runs, in CPython's order, names mangled in classes) and
# __type_params__ (an empty tuple unless the function is generic): reading, assigning, deleting, errors.
calls = []


def note(v):
    calls.append(v)
    return v


def f(a: note(1), /, b: note(2), *c: note(3), d: note(4) = 0, **e: note(5)) -> note(6):
    pass


print(f.__annotations__)
print(calls)


def plain(x, y=1):
    return x


print(plain.__annotations__, plain.__type_params__)
print(plain.__annotations__ is plain.__annotations__)
plain.__annotations__["x"] = int
print(plain.__annotations__)
plain.__annotations__ = {"y": str}
print(plain.__annotations__)
del plain.__annotations__
print(plain.__annotations__)
plain.__annotations__ = None
print(plain.__annotations__)
for bad in (5, [("x", 1)]):
    try:
        plain.__annotations__ = bad
    except TypeError as e:
        print("TypeError:", e)
try:
    plain.__type_params__ = [1]
except TypeError as e:
    print("TypeError:", e)
try:
    del plain.__type_params__
except TypeError as e:
    print("TypeError:", e)
plain.__type_params__ = (int,)
print(plain.__type_params__)
print("__annotations__" in plain.__dict__, "__type_params__" in plain.__dict__)


class K:
    def m(self, __p: int, *, __q: "text") -> None:
        pass

    async def am(self, x: float) -> "K":
        pass


print(K.m.__annotations__)
print(K.am.__annotations__)
print(K().m.__annotations__)
print((lambda q: q).__annotations__)


def outer():
    local_type = list

    def inner(v: local_type) -> local_type:
        return v

    return inner


print(outer().__annotations__)


def generic[T](x: T, *rest: int) -> T:
    return x


print(generic.__type_params__, generic.__annotations__)
print(type(f).__dict__["__annotations__"].__get__(f) is f.__annotations__)
try:

    def broken(x: undefined_name):
        pass

except NameError as e:
    print("NameError:", e)
exec("def from_exec(a: int) -> str: pass")
print(from_exec.__annotations__)
