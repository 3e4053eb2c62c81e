# len(x) of the global name: the built-in is answered directly, anything bound to the name is called as
# written, and the name is loaded before the argument is evaluated.
import builtins


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Index:
    def __index__(self):
        return 4


class SizedIndex:
    def __len__(self):
        return Index()


class MyList(list):
    def __len__(self):
        return 99


def show(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)


def lengths():
    print(len([1, 2]), len((1,)), len("héllo"), len({1: 2}), len({1, 2, 3}), len(range(10)), len(b"ab"))
    print(len(Sized(3)), len(SizedIndex()), len(MyList([1])), len(iter([]).__class__.__name__))
    show(lambda: len(5))
    show(lambda: len(Sized(-1)))
    show(lambda: len(Sized("x")))
    show(lambda: len(Sized(2**70)))
    show(lambda: len(None))
    show(lambda: len(*[[1, 2, 3]]))
    show(lambda: len(obj=[1]))
    show(lambda: len([1], [2]))
    show(lambda: len())


def rebind_in_argument():
    global len
    def sneaky():
        global len
        len = lambda x: "rebound during argument"
        return [1, 2]
    print(len(sneaky()))
    print(len([1, 2]))
    len = builtins.len


def local_len():
    len = lambda x: "local"
    print(len([1]))


lengths()
rebind_in_argument()
print(len([1, 2, 3]))
local_len()
len = lambda x: "module global"
print(len([1]))
del len
print(len([1]))
