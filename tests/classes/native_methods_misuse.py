# Calling object/type natives and built-in __new__s directly: CPython's receiver and argument checks; super() and
# slot/getset descriptors used by hand; __bases__/__dict__/__mro__ assignment errors.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class A:
    def m(self):
        return "m"


check(lambda: object.__setattr__(1, "x", 2))
check(lambda: object.__setattr__(A(), 1, 2))
check(lambda: object.__getattribute__(A(), "zz"))
check(lambda: object.__delattr__(A(), "zz"))
check(lambda: object.__getattribute__(5, "real"))
check(lambda: type.__getattribute__(A, "m").__name__)
check(lambda: type.__getattribute__(1, "m"))
check(lambda: object.__init__())
check(lambda: object.__repr__(A()).startswith("<__main__.A object at 0x"))
check(lambda: object.__str__(A()).startswith("<__main__.A object"))
check(lambda: object.__format__(A(), "").startswith("<__main__.A"))
check(lambda: object.__format__(A(), "x"))
check(lambda: object.__eq__(1, 1))
check(lambda: object.__ne__(1, 2))
check(lambda: object.__hash__(A()) == hash(A))
check(lambda: object.__dir__(A()) is not None)
check(lambda: A.mro())
check(lambda: A.mro(1))
check(lambda: type.mro(5))
check(lambda: A.__subclasses__())
check(lambda: object.__subclasshook__())
check(lambda: A.__init_subclass__())
check(lambda: A.__init_subclass__(1))
check(lambda: A.__init_subclass__(k=1))
check(lambda: type.__init__(A, 1, 2))
check(lambda: type.__init__(A, "x", (), {}, k=1))
check(lambda: type.__prepare__("X", ()))
check(lambda: type.__call__(A).m())
check(lambda: type.__call__(5))
check(lambda: int.__new__(A))
check(lambda: int.__new__(int, "12"))
check(lambda: str.__new__(str))
check(lambda: list.__new__(list, [1]))
check(lambda: list.__new__(5))
check(lambda: tuple.__new__(tuple, [1, 2]))
check(lambda: dict.__new__(dict, a=1))
check(lambda: object.__new__(list))
check(lambda: object.__new__(A, 1))
check(lambda: BaseException.__new__(A))
check(lambda: Exception.__new__(ValueError, 1, 2).args)


class Slotted:
    __slots__ = ("a",)


check(lambda: Slotted.a.__get__(A(), A))
check(lambda: Slotted.a.__set__(A(), 1))
check(lambda: repr(Slotted.a))
check(lambda: Slotted.a.__objclass__)
check(lambda: repr(A.__dict__["__dict__"]))
check(lambda: A.__dict__["__dict__"].__get__(A()))
check(lambda: type(A.__dict__["__weakref__"]).__name__)
check(lambda: A().__weakref__)
check(lambda: setattr(A(), "__dict__", {"a": 1}) or "set")
check(lambda: delattr(A(), "__dict__"))
check(lambda: setattr(A, "__dict__", {}))
check(lambda: setattr(A, "__mro__", ()))
check(lambda: delattr(A, "__name__"))
check(lambda: setattr(A, "__bases__", [object]))
check(lambda: setattr(A, "__bases__", (1,)))
check(lambda: setattr(int, "__bases__", (object,)))


class B(A):
    pass


check(lambda: setattr(A, "__bases__", (B,)))
check(lambda: A.__base__.__name__)
check(lambda: B.__base__.__name__)
check(lambda: bool.__base__.__name__)
check(lambda: (type.__base__.__name__, type.__mro__))
check(lambda: int.__subclasses__()[:0])
check(lambda: super(B, B()).m())
check(lambda: super(B, B()).__class__.__name__)
check(lambda: super(B).__thisclass__.__name__)
check(lambda: super(B).__self__)
check(lambda: super(B).__self_class__)
check(lambda: repr(super(B)))
check(lambda: super(B, 1))
check(lambda: super(B, B).m.__name__)
check(lambda: super(B, B).m(B()))
check(lambda: super(A, A()).__init__())
check(lambda: super(A, A()).__init__(1))
