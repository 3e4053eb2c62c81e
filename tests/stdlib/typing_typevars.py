# typing's TypeVar, ParamSpec, TypeVarTuple, TypeAliasType and NewType (the _typing module): attributes, reprs,
# argument errors, unions and substitution.
import typing
from typing import TypeVar, ParamSpec, TypeVarTuple, NewType, TypeAliasType, Generic

T = TypeVar('T')
S = TypeVar('S', bound=str)
A = TypeVar('A', str, bytes)
Co = TypeVar('Co', covariant=True)
Contra = TypeVar('Contra', contravariant=True)
Inf = TypeVar('Inf', infer_variance=True)
for tv in (T, S, A, Co, Contra, Inf):
    print(repr(tv), tv.__name__, tv.__bound__, tv.__constraints__, tv.__covariant__, tv.__contravariant__,
          tv.__infer_variance__, tv.__module__)
print(type(T), type(T).__name__, type(T).__module__, T.__reduce__())
print(TypeVar('F', bound='int').__bound__)
for args, kwargs in [(('X', int), {}), (('X', int, str), {'bound': int}), (('X',), {'covariant': True, 'contravariant': True}),
                     (('X',), {'covariant': True, 'infer_variance': True}), ((3,), {})]:
    try:
        TypeVar(*args, **kwargs)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    class Sub(TypeVar):
        pass
except TypeError as e:
    print(e)
try:
    class FromT(T):
        pass
except TypeError as e:
    print(e)
print(T | int, int | T, T | None, T | 'str')
print(typing.Union[T, int], typing.Optional[S])

P = ParamSpec('P')
print(P, P.args, P.kwargs, P.args.__origin__ is P, P.args == P.args, P.kwargs == P.args, P.__bound__,
      ParamSpec('Q', covariant=True), type(P.args).__name__, type(P.kwargs).__module__)
Ts = TypeVarTuple('Ts')
print(Ts, Ts.__name__, list(Ts), Ts.__reduce__(), type(Ts).__name__)
try:
    Ts.__typing_subst__(int)
except TypeError as e:
    print(e)

UserId = NewType('UserId', int)
print(UserId, UserId(5), UserId.__supertype__, UserId.__name__)

Alias = TypeAliasType('Alias', list[int])
print(Alias, Alias.__name__, Alias.__value__, Alias.__type_params__, Alias.__parameters__, Alias.__module__)
GA = TypeAliasType('GA', dict[str, T], type_params=(T,))
print(GA[int], GA.__parameters__)
try:
    Alias[int]
except TypeError as e:
    print(e)
print(typing.Callable[P, T], typing.Callable[[int, str], T][bytes], typing.Concatenate[int, P])
print(typing.List[T][int], typing.Dict[str, T][float], typing.Tuple[T, ...][int])
