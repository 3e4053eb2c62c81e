# User descriptors: data vs non-data precedence, __get__/__set__/__delete__, property details.
def check(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class NonData:
    def __get__(self, obj, objtype=None):
        return ("nondata", obj is None, objtype.__name__)


class Data:
    def __get__(self, obj, objtype=None):
        return ("data", obj is None, objtype.__name__)

    def __set__(self, obj, value):
        print("Data.__set__", value)


class SetOnly:
    def __set__(self, obj, value):
        print("SetOnly.__set__", value)
        obj.__dict__["so"] = value


class DeleteOnly:
    def __delete__(self, obj):
        print("DeleteOnly.__delete__")


class C:
    nd = NonData()
    d = Data()
    so = SetOnly()
    do = DeleteOnly()


c = C()
print(c.nd, C.nd)
c.__dict__["nd"] = "instance wins over non-data"
print(c.nd)
c.__dict__["d"] = "instance loses to data"
print(c.d, C.d)
c.d = 5
c.so = 7
print(c.so)
print(type(C.so).__name__)
c.__dict__["do"] = 1
print(type(c.do).__name__)
del c.do
check(lambda: setattr(c, "do", 3))

# Descriptor on the metaclass vs the class
class Meta(type):
    md = Data()


class WithMeta(metaclass=Meta):
    md = "class attr"


print(WithMeta.md)


# property in full
class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        "the temperature"
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    ro = property(lambda self: "read only")
    wo = property(None, lambda self, v: print("wo set", v))


t = Temp()
t.celsius = 30
print(t.celsius, Temp.celsius.__doc__, type(Temp.celsius).__name__)
check(lambda: setattr(t, "celsius", -300))
del t.celsius
check(lambda: t.celsius)
check(lambda: setattr(t, "ro", 1))
check(lambda: delattr(t, "ro"))
check(lambda: t.wo)
t.wo = 3
print(Temp.celsius.fget.__name__, Temp.celsius.fset.__name__, Temp.ro.fset)
p = property()
check(lambda: p.__get__(t, Temp))
print(p.__get__(None, Temp) is p)


class Sub(Temp):
    @Temp.celsius.getter
    def celsius(self):
        return "sub " + str(self._c)


s = Sub()
s.celsius = 5
print(s.celsius)


# property subclass and __set_name__ on property
class named_property(property):
    def __set_name__(self, owner, name):
        self.pname = name


class UsesNamed:
    @named_property
    def val(self):
        return 1


print(UsesNamed.val.pname, UsesNamed().val, type(UsesNamed.val).__name__)

# descriptor __get__ via class lookup on instance of a builtin
class Desc2:
    def __get__(self, obj, owner):
        return "got via " + owner.__name__


class IntSub(int):
    x = Desc2()


print(IntSub(3).x, IntSub.x)


# Calling __get__ directly on functions
def f(self):
    return self


bound = f.__get__(5, int)
print(bound(), type(bound).__name__)
print(f.__get__(None, int) is f)


# staticmethod and classmethod objects
class SC:
    @staticmethod
    def st(x):
        return x * 2

    @classmethod
    def cm(cls, x):
        return cls.__name__ + str(x)


print(SC.st(2), SC().st(3), SC.cm(1), SC().cm(2))
print(type(SC.__dict__["st"]).__name__, SC.__dict__["st"].__func__.__name__)
print(SC.__dict__["cm"].__get__(None, SC)(9))
print(staticmethod(len)([1, 2]))
print(callable(SC.__dict__["st"]))


class SubSC(SC):
    pass


print(SubSC.cm(3))


# property with the same name in instance dict: data descriptor wins
class PD:
    @property
    def v(self):
        return "prop"


pd = PD()
pd.__dict__["v"] = "dict"
print(pd.v)
check(lambda: setattr(pd, "v", 1))
