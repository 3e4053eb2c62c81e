# isinstance() when the type check fails: an instance may still claim a class through `__class__` (a property,
# a class attribute, __getattribute__), but not through its instance dict or a plain attribute set on it.
class A:
    pass

class B(A):
    pass

class Other:
    pass

class ClaimsA:
    @property
    def __class__(self):
        return A

class ClassAttr:
    __class__ = B

class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattribute__(self, name):
        if name == "__class__":
            return type(object.__getattribute__(self, "_target"))
        return object.__getattribute__(self, name)

class NotAType:
    @property
    def __class__(self):
        return "not a type"

o = Other()
o.__dict__["__class__"] = A
print(isinstance(B(), A), isinstance(A(), B), isinstance(Other(), A), isinstance(o, A))
print(isinstance(ClaimsA(), A), isinstance(ClaimsA(), B), isinstance(ClaimsA(), ClaimsA))
print(isinstance(ClassAttr(), B), isinstance(ClassAttr(), A), isinstance(ClassAttr(), ClassAttr))
print(isinstance(Proxy(B()), A), isinstance(Proxy(3), int), isinstance(Proxy(3), A), isinstance(Proxy(3), Proxy))
print(isinstance(NotAType(), A), isinstance(NotAType(), NotAType))
print(isinstance(3, (A, int)), isinstance(B(), (Other, A)), isinstance(Other(), (A, B)))

class Meta(type):
    def __instancecheck__(cls, inst):
        print("  instancecheck", type(inst).__name__)
        return inst == 42

class Answer(metaclass=Meta):
    pass

print(isinstance(42, Answer), isinstance(41, Answer), isinstance(Answer(), Answer))

def in_loop(items):
    # The same call site sees instances whose classes answer differently.
    return [isinstance(x, A) for x in items]

print(in_loop([A(), Other(), ClaimsA(), ClassAttr(), Proxy(B()), o, 1, None]))
