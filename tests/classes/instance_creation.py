# type.__call__ -> __new__ -> __init__, with CPython's argument checks and messages.
def check(f):
    try:
        r = f()
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Plain:
    pass


check(lambda: Plain())
check(lambda: Plain(1))
check(lambda: Plain(a=1))
check(lambda: object(1))
check(lambda: object.__new__(Plain))
check(lambda: object.__new__(Plain, 1))
check(lambda: object.__new__())
check(lambda: object.__new__(1))
check(lambda: object.__new__(int))
check(lambda: object.__init__(Plain(), 1))
check(lambda: Plain().__init__())
check(lambda: Plain().__init__(1))


class WithInit:
    def __init__(self, a, b=2):
        self.a, self.b = a, b


check(lambda: WithInit(1))
check(lambda: WithInit())
check(lambda: WithInit(1, 2, 3))
check(lambda: WithInit(1, c=3))


class InitReturns:
    def __init__(self):
        return 5


check(lambda: InitReturns())


class WithNew:
    def __new__(cls, *args, **kw):
        print("WithNew.__new__", cls.__name__, args, kw)
        return super().__new__(cls)


check(lambda: WithNew(1, 2, k=3))


class NewAndInit:
    def __new__(cls, x):
        print("new", x)
        inst = super().__new__(cls)
        inst.from_new = x
        return inst

    def __init__(self, x):
        print("init", x)
        self.from_init = x


n = NewAndInit(4)
print(n.from_new, n.from_init)


class NewReturnsOther:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never called")


print(NewReturnsOther())


class Child(NewAndInit):
    pass


class NewReturnsSub:
    def __new__(cls):
        return super().__new__(Sub2)

    def __init__(self):
        print("init called on", type(self).__name__)


class Sub2(NewReturnsSub):
    pass


print(type(NewReturnsSub()).__name__)
c = Child(9)


class NewPassesArgs:
    def __new__(cls, *a):
        return super().__new__(cls, *a)


check(lambda: NewPassesArgs(1))


class InitPassesArgs:
    def __init__(self, *a):
        super().__init__(*a)


check(lambda: InitPassesArgs(1))
check(lambda: InitPassesArgs())


class OnlyInitOverride:
    def __init__(self, *a):
        pass


check(lambda: OnlyInitOverride(1, 2))
check(lambda: object.__new__(OnlyInitOverride, 1, 2))


class OnlyNewOverride:
    def __new__(cls, *a):
        return object.__new__(cls)


check(lambda: OnlyNewOverride(1, 2))
check(lambda: object.__init__(OnlyNewOverride(), 1))


# __new__ as a staticmethod explicitly, and called directly
class ExplicitStatic:
    @staticmethod
    def __new__(cls, v):
        o = object.__new__(cls)
        o.v = v
        return o


print(ExplicitStatic(3).v, ExplicitStatic.__new__(ExplicitStatic, 8).v)


# __init__ called explicitly twice
class Twice:
    def __init__(self, v):
        self.v = v


t = Twice(1)
t.__init__(2)
print(t.v)

# abstract instantiation of non-instantiable builtin types
import_free = type(len)
check(lambda: import_free())
check(lambda: type(iter([]))())
check(lambda: NotImplemented.__class__())


# __new__ not returning an instance skips __init__ even for a subclass instance of another type
class Weird:
    def __new__(cls):
        return Plain()

    def __init__(self):
        print("not printed")


print(type(Weird()).__name__)


# __init__ with keyword-only and errors
class KW:
    def __init__(self, *, key):
        self.key = key


check(lambda: KW(1))
check(lambda: KW())
print(KW(key=3).key)

# calling an instance without __call__
check(lambda: Plain()())
