# Generic aliases of built-in classes (PEP 585): list[int] and friends.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(list[int], dict[str, int], type(list[int]).__name__, list[int]([1, 2]), list[int].__origin__, list[int].__args__)
print(tuple[int, ...], list[list[int]], tuple[()], type[int], dict[str, list["Node"]], set[frozenset[int]])
print(list[int] == list[int], list[int] != list[str], list[int] == list, hash(list[int]) == hash(list[int]))
print(list[int].__parameters__, list[int].append is list.append, list[int].__name__, list[int].__module__)
check(lambda: isinstance([], list[int]))
check(lambda: issubclass(list, list[int]))
check(lambda: int[str])


class MyList(list[int]):
    pass


print(MyList.__mro__, MyList.__orig_bases__, MyList([1, 2]))


class Box:
    def __class_getitem__(cls, item):
        return f"Box of {item.__name__}"


class SubBox(Box):
    pass


print(Box[int], SubBox[str])
alias = dict[str, int]
d = alias(a=1)
print(d, type(d).__name__)


class Meta(type):
    pass


check(lambda: Meta[int])
print(type[Meta])
