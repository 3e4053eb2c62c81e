# Metaclasses: selection of the most derived metaclass, __new__/__init__/__call__ overrides, class keywords.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get("tag", "none")
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, kw)
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        print("Meta.__call__", cls.__name__, args, kwargs)
        inst = super().__call__(*args, **kwargs)
        inst.made_by_meta = True
        return inst

    def hello(cls):
        return "hello from " + cls.__name__


class A(metaclass=Meta, tag="a"):
    def __init__(self, x=0):
        self.x = x

    def method(self):
        return self.x


print(type(A).__name__, A.tag, A.hello())
a = A(5)
print(a.x, a.made_by_meta, a.method())
print(isinstance(A, Meta), isinstance(A, type), type(a).__name__)


class B(A):
    pass


print(type(B).__name__, B.tag)
b = B(x=7)
print(b.x)


class SubMeta(Meta):
    pass


class C(A, metaclass=SubMeta, tag="c"):
    pass


print(type(C).__name__, C.tag)


class D(metaclass=SubMeta):
    pass


class E(A, D):
    pass


print(type(E).__name__, [k.__name__ for k in E.__mro__])


class Other(type):
    pass


class F(metaclass=Other):
    pass


try:
    class G(A, F):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class H(metaclass=Other, tag=1):
        pass
except TypeError as e:
    print("TypeError:", e)


# A metaclass that is a plain function.
def func_meta(name, bases, ns, **kw):
    print("func_meta", name, bases, sorted(k for k in ns if not k.startswith("__")), kw)
    return 42


class I(x=1, metaclass=func_meta):
    y = 2


print(I)


# Metaclass __call__ returning something else entirely.
class Singleton(type):
    _inst = {}

    def __call__(cls, *a):
        if cls not in Singleton._inst:
            Singleton._inst[cls] = super().__call__(*a)
        return Singleton._inst[cls]


class S(metaclass=Singleton):
    def __init__(self):
        print("S init once")


print(S() is S())


# type.__new__ called directly
T = type.__new__(type, "T", (), {"v": 3})
print(T.__name__, T.v, type(T).__name__)
check(lambda: type.__new__(1, "X", (), {}))
check(lambda: type.__new__(type, "X", ()))
check(lambda: type.__new__(int, "X", (), {}))
check(lambda: type("X", (1,), {}))
check(lambda: type("X", (), {}, 1))
check(lambda: type(1, (), {}))
check(lambda: type("X", [], {}))
check(lambda: type("X", (), []))
check(lambda: type())
check(lambda: type(1, 2))


# Metaclass attributes are visible on the class but not on instances.
class M2(type):
    meta_attr = "m"

    @property
    def prop(cls):
        return "prop of " + cls.__name__


class J(metaclass=M2):
    pass


print(J.meta_attr, J.prop)
check(lambda: J().meta_attr)


# Class keyword arguments without a metaclass accepting them
try:
    class K(foo=1):
        pass
except TypeError as e:
    print("TypeError:", e)


# metaclass given for a class whose bases are not types
class Meta3(type):
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, ns)


try:
    class L(1):
        pass
except TypeError as e:
    print("TypeError:", e)

# type of a metaclass
print(type(Meta).__name__, type(type).__name__, Meta.__mro__ == (Meta, type, object))
