# collections._tuplegetter: the descriptors namedtuple puts on its classes for each field.
from collections import namedtuple
import collections
import copy
import pickle

P = namedtuple('P', 'x y')
p = P(1, 2)
print(type(P.x), type(P.x).__module__, type(P.x).__name__, type(P.x).__qualname__)
print(type(P.x) is collections._tuplegetter)
print(repr(P.x), repr(P.y))
print(P.x.__doc__, '|', P.y.__doc__)
print(vars(P)['x'] is P.x, P.x.__get__(None, P) is P.x, P.x.__get__(p, P))
print(sorted(type(P.x).__dict__))
print(repr(type(P.x).__dict__['__doc__']))

# Reads, through a cached site in a loop and through getattr.
total = 0
for i in range(5):
    q = P(i, i * 10)
    total += q.x + q.y
print(total, getattr(p, 'y'), [P(k, -k).y for k in range(3)])

# Stores and deletions are refused with CPython's messages.
for stmt in ['p.x = 1', 'del p.x', 'setattr(p, "y", 5)', 'delattr(p, "y")', 'p.z = 3',
             'P.x.__set__(p, 3)', 'P.x.__delete__(p)', 'P.x.__set__(1, 2)']:
    try:
        exec(stmt)
        print(stmt, 'ok')
    except Exception as e:
        print(stmt, '->', type(e).__name__, e)
print(p)

# __get__ called directly.
for expr in ['P.x.__get__(p)', 'P.x.__get__((5,))', 'P.x.__get__(())', 'P.y.__get__((1,))',
             'P.x.__get__(1)', 'P.x.__get__("ab")', 'P.x.__get__(p, None)', 'P.x.__get__(None, None)',
             'P.x.__get__(None)', 'P.x.__get__()', 'P.x.__get__(p, P, 3)']:
    try:
        print(expr, '=', repr(eval(expr)))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

# The constructor.
TG = collections._tuplegetter
for expr in ['TG(0, "d")', 'TG(1, None)', 'TG(-1, "d").__get__((1, 2))', 'TG(5, "d").__get__((1, 2))',
             'TG(True, "b").__get__((1, 2))', 'TG("a", "d")', 'TG(0)', 'TG(0, 1, 2)', 'TG(index=0, doc="d")',
             'TG(2**70, None)', 'TG(1.0, None)']:
    try:
        print(expr, '=', repr(eval(expr)))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)
try:
    class Sub(TG):
        pass
except TypeError as e:
    print('subclass ->', e)
try:
    vars(P.x)
except TypeError as e:
    print('vars ->', e)
try:
    P.x.index
except AttributeError as e:
    print('index ->', e)

# The docstring is writable; pickling and copying rebuild an equal getter.
P.x.__doc__ = 'The x coordinate'
print(P.x.__doc__, P.x.__reduce__())
P.y.__doc__ = None
print(repr(P.y))
c = copy.copy(P.x)
print(c is P.x, type(c) is TG, c.__doc__, c.__get__((7, 8)))
u = pickle.loads(pickle.dumps(P.y))
print(type(u) is TG, u.__doc__, u.__get__((7, 8)))

# A subclass with an instance __dict__: the field still wins over the dict.
class R(P):
    def norm(self):
        return self.x * self.x + self.y * self.y
r = R(3, 4)
r.z = 5
print(r.x, r.y, r.z, r.__dict__, r.norm())
r.__dict__['x'] = 99
print(r.x, r.__dict__)
try:
    r.x = 9
except AttributeError as e:
    print('R store ->', e)

# A subclass field overriding the namedtuple's, and a class attribute replacing a field.
class S(P):
    x = 'class value'
s = S(1, 2)
print(s.x, s.y)
P2 = namedtuple('P2', 'a b')
q = P2(1, 2)
print(q.a)
P2.a = property(lambda self: 'prop')
print(q.a)
del P2.a
try:
    print(q.a)
except AttributeError as e:
    print('deleted ->', e)

# typing.NamedTuple uses the same getters.
import typing
class T(typing.NamedTuple):
    u: int
    v: str = 'dflt'
print(type(T.u) is TG, T.u.__doc__, T(1).v)
