# PEP 695 generics: def f[T], class C[T, *Ts, **P], type A[K, V] = ...; TypeVar/TypeVarTuple/ParamSpec objects
# (lazy bounds and constraints, inferred variance), __type_params__, the implicit Generic base, qualnames,
# type parameters visible in bodies, bounds and class bases.
def f[T: int, *Ts, **P](x: T, *args: *Ts) -> T:
    return x
print(f.__type_params__, f.__qualname__, f(3))
T, Ts, P = f.__type_params__
print(type(T), type(Ts), type(P), T.__name__, T.__bound__, T.__constraints__, T.__infer_variance__, P.__bound__, P.__infer_variance__)
def g[T: (int, str)](): return T
T2 = g()
print(T2, T2.__bound__, T2.__constraints__, T2.__module__)
class C[T, *Ts, **P]:
    def m(self) -> T:
        return T
print(C.__type_params__, C.__orig_bases__, C.__mro__, C.__parameters__)
print(C[int, str, [int]], C().m(), C.m.__qualname__)
type Alias[K, V] = dict[K, V]
print(Alias, type(Alias), Alias.__type_params__, Alias.__value__, Alias[int, str], Alias.__parameters__)
class D[T](list[T]):
    x: T
print(D.__orig_bases__, D.__mro__, D[int])
def h[T](): pass
print(h.__type_params__, h.__name__, h.__qualname__)
class Outer:
    def meth[U](self, u: U) -> U: return u
    class Inner[V]: pass
print(Outer.meth.__qualname__, Outer.Inner.__qualname__, Outer().meth(5), Outer.meth.__type_params__)
def lazy[T: undefined_name](): pass
try:
    lazy.__type_params__[0].__bound__
except NameError as e:
    print("lazy", e)
def outer():
    y = 10
    def inner[T](a=y): return (T, a)
    return inner
print(outer()(), outer().__qualname__)
print(f.__type_params__[0] is f.__type_params__[0])
