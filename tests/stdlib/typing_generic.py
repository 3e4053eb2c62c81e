# typing.Generic classes (Generic.__class_getitem__ and __init_subclass__) and the reprs of typing's aliases in
# annotations.
from typing import (Generic, TypeVar, List, Dict, Optional, Union, Tuple, Callable, Any, Iterable, Mapping,
                    Protocol, get_type_hints, get_origin, get_args, ClassVar, Literal, Final)

T = TypeVar('T')
K = TypeVar('K')
V = TypeVar('V')


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


class Pair(Generic[K, V]):
    pass


class IntBox(Box[int]):
    pass


b = Box[int](3)
print(b.get(), type(b).__name__, Box.__parameters__, Pair.__parameters__, IntBox.__parameters__)
print(Box[int], Pair[str, int], Box[List[int]], Pair[K, int], Pair[K, int][str])
print(Box.__orig_bases__, IntBox.__orig_bases__, IntBox.__mro__)
print(Generic in Box.__mro__, isinstance(b, Box), issubclass(IntBox, Box))
print(get_origin(Box[int]) is Box, get_args(Pair[str, int]))
for bad in (lambda: Generic[int], lambda: Generic[T, T], lambda: Box[int, str], lambda: Generic[()]):
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    class Plain(Generic):
        pass
except TypeError as e:
    print(e)

print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, str], Tuple[int, ...])
print(Callable[[int], str], Callable[..., Any], Iterable[T], Mapping[str, int], ClassVar[int], Literal[1, 'a'],
      Final[int])
print(Optional[List[Dict[str, int]]], Union[int, Union[str, bytes]], Union[int, int])


class Proto(Protocol):
    def meth(self) -> int: ...


class Impl:
    def meth(self) -> int:
        return 1


print(Proto, Proto.__mro__[1:], Impl().meth())


class Annotated_:
    a: List[int]
    b: Optional[str] = None
    c: 'Dict[str, int]'
    d: ClassVar[int] = 3


print(Annotated_.__annotations__, Annotated_.b, Annotated_.d)
print(get_type_hints(Annotated_))


class Slots(Generic[T]):
    __slots__ = ('x',)


s = Slots()
s.x = 1
print(s.x, hasattr(s, '__dict__'))
