# PEP 695 generics in code run by exec(): the evaluator inlines the type parameter scope as compiled code
# does (same runtime calls), so __type_params__, bounds, the Generic base and aliases behave alike.
src = '''
def f[T: int, *Ts, **P](x: T, *args) -> T:
    return x
print(f.__type_params__, f.__qualname__, f(3), f.__annotations__)
T, Ts, P = f.__type_params__
print(T.__name__, T.__bound__, T.__constraints__, T.__infer_variance__, P.__bound__)
def g[T: (int, str)](): return T
print(g(), g().__constraints__)
class C[T, *Ts, **P]:
    def m(self) -> T:
        return T
print(C.__type_params__, C.__orig_bases__, C.__mro__, C.__parameters__)
print(C().m(), C.m.__qualname__)
type Alias[K, V] = dict[K, V]
print(Alias, Alias.__type_params__, Alias.__value__, Alias.__parameters__)
class D[T](list[T]):
    pass
print(D.__orig_bases__, D.__mro__)
def outer():
    y = 10
    def inner[T](a=y): return (T, a)
    return inner
print(outer()(), outer().__qualname__)
def lazy[T: undefined_name](): pass
try:
    lazy.__type_params__[0].__bound__
except NameError as e:
    print("lazy", e)
'''
import typing
exec(src, {"__name__": "m"})
