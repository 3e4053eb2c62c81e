# C3 MRO, __mro__/__bases__/__base__/__subclasses__()/mro(), and CPython's errors for bad hierarchies.
def names(seq):
    return [c.__name__ for c in seq]


class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass

print(names(Z.__mro__))
print(names(Z.mro()))
print(names(Z.__bases__), Z.__base__.__name__)
print(names(O.__subclasses__()))
print(names(A.__subclasses__()))
print(object.__base__, names(object.__mro__), object.__bases__)
print(names(bool.__mro__), int.__base__.__name__)
print(type(Z.__mro__).__name__, type(Z.mro()).__name__)

try:
    class X(A, K1): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Y(A, A): pass
except TypeError as e:
    print("TypeError:", e)

class P1: pass
class P2(P1): pass
try:
    class Bad(P1, P2): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad2(O, A, B): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad3(bool): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad4(int, str): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad5(3): pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad6(A, 3): pass
except TypeError as e:
    print("TypeError:", e)

# __base__ is the "solid" base
class L(list): pass
class M(O, L): pass
print(M.__base__.__name__, names(M.__mro__))


class Diamond(K3, K1): pass
print(names(Diamond.__mro__))

# __bases__ assignment
class Q1:
    def who(self): return "Q1"
class Q2:
    def who(self): return "Q2"
class R(Q1): pass
r = R()
print(r.who())
R.__bases__ = (Q2,)
print(r.who(), names(R.__mro__))
try:
    R.__bases__ = ()
except TypeError as e:
    print("TypeError:", e)

# mro() override in a metaclass
class ReverseMeta(type):
    def mro(cls):
        return [cls] + list(reversed(type.mro(cls)[1:-1])) + [object]

class RA:
    x = "RA"
class RB:
    x = "RB"
class RC(RA, RB, metaclass=ReverseMeta): pass
print(names(RC.__mro__), RC.x)

print(issubclass(Z, O), issubclass(O, Z), issubclass(Z, (int, K2)), isinstance(Z(), K3))
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(int, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
