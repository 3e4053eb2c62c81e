# json.dumps options through the one-shot encoder (and the pure-Python one when indent is set):
# sort_keys, skipkeys, default, separators, indent, ensure_ascii, allow_nan, check_circular, key coercion,
# subclasses of int/float/str/list/tuple/dict, and the errors.
import json
import json.encoder
from collections import OrderedDict
from enum import IntEnum

data = {'b': [1, 2.5, None, True, False], 'a': {'z': 'é☃🙂', 'y': (1, 2)}, 'c': '', 'd': [], 'e': {}}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, separators=(',', ':')))
print(json.dumps(data, separators=(' ; ', ' = '), sort_keys=True))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, indent='\t', ensure_ascii=False))
print(json.dumps([[], {}, [[]], [{}]], indent=0))

# Key coercion: int, float, bool, None keys become strings; others TypeError unless skipkeys.
keys = {1: 'int', 2.5: 'float', True: 'bool', None: 'none', -7: 'neg', 1e20: 'big', 10**30: 'bigint'}
print(json.dumps(keys))
print(json.dumps({float('inf'): 1, float('-inf'): 2, float('nan'): 3}))
for bad in [{(1, 2): 'tuple'}, {b'x': 1}, {frozenset(): 1}]:
    try:
        json.dumps(bad)
    except TypeError as e:
        print('TypeError', e)
print(json.dumps({(1, 2): 'skipped', 'kept': 1, b'x': 2}, skipkeys=True))
print(json.dumps({'a': 1, 2: 'b'}, skipkeys=True))
try:
    json.dumps({'a': 1, 2: 'b'}, sort_keys=True)
except TypeError as e:
    print('TypeError', e)
print(json.dumps({2: 'b', 1: 'a', 3: 'c'}, sort_keys=True))

# allow_nan
print(json.dumps([float('nan'), float('inf'), -float('inf')]))
for v in [float('nan'), float('inf'), [1, -float('inf')], {'k': float('nan')}, {float('inf'): 1}]:
    try:
        json.dumps(v, allow_nan=False)
    except ValueError as e:
        print('ValueError', e)

# Floats and ints with their repr, including subclasses (int.__repr__ / float.__repr__ are used).
class MyInt(int):
    def __repr__(self):
        return 'MyInt!'
class MyFloat(float):
    def __repr__(self):
        return 'MyFloat!'
class Color(IntEnum):
    RED = 1
print(json.dumps([0.1, 1e16, 1e-7, 123456789.125, -0.0, 5e-324, 1.7976931348623157e308, 10**40, -10**20]))
print(json.dumps([MyInt(5), MyFloat(2.5), Color.RED, {Color.RED: MyFloat(1.0)}]))
try:
    json.dumps([MyFloat('nan')], allow_nan=False)
except ValueError as e:
    print('ValueError', e)

# Subclasses of str, list, tuple and dict; OrderedDict keeps its order, sort_keys sorts it.
class S(str):
    pass
class L(list):
    pass
class T(tuple):
    pass
class D(dict):
    def items(self):
        return [('from', 'items()')] + list(super().items())
print(json.dumps([S('sub"str'), L([1, L([2])]), T((3, 4)), OrderedDict([('z', 1), ('a', 2)])]))
print(json.dumps(OrderedDict([('z', 1), ('a', 2)]), sort_keys=True))
print(json.dumps(D(x=1)), json.dumps({S('k'): S('v')}))

# default: called for unknown objects, its result encoded; TypeError message from JSONEncoder.default.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
def default(o):
    if isinstance(o, Point):
        return {'x': o.x, 'y': o.y}
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    raise TypeError(f'no way: {type(o).__name__}')
print(json.dumps([Point(1, 2), {3, 1, 2}, {'p': Point(Point(0, 0), None)}], default=default))
for bad in [object(), {'a': 1j}, [b'bytes'], range(3)]:
    try:
        json.dumps(bad)
    except TypeError as e:
        print('TypeError', e)
try:
    json.dumps([object()], default=default)
except TypeError as e:
    print('TypeError', e)
print(json.dumps({'s': {1}}, default=list))

# Circular references.
a = []
a.append(a)
d = {}
d['self'] = d
class Loop:
    pass
for v in [a, d, [1, {'x': a}]]:
    try:
        json.dumps(v)
    except ValueError as e:
        print('ValueError', e)
try:
    json.dumps(Loop(), default=lambda o: o)
except ValueError as e:
    print('ValueError', e)
try:
    json.dumps(a, check_circular=False)
except RecursionError as e:
    print('RecursionError', e)
shared = [1]
print(json.dumps([shared, shared, {'a': shared}]))

# The C encoder directly: returns a 1-tuple; argument errors.
enc = json.encoder.c_make_encoder(None, None, json.encoder.encode_basestring_ascii, None, ':', ',', True, False, True)
print(type(enc).__name__, enc([{'b': 1, 'a': 'é'}], 0), enc.sort_keys, enc.skipkeys, enc.key_separator)
enc2 = json.encoder.c_make_encoder({}, str, lambda s: '<' + s + '>', None, '=', ';', False, True, True)
print(enc2({'k': ['v', 1, object.__new__(Point) is None], 2: 'two', (1,): 'skip'}, 0))
try:
    json.encoder.c_make_encoder({}, str, lambda s: 42, None, '=', ';', False, True, True)(['x'], 0)
except TypeError as e:
    print('TypeError', e)
for args in [([], None, str, None, ':', ',', False, False, True), (None, None, str, None, 1, ',', False, False, True)]:
    try:
        json.encoder.c_make_encoder(*args)
    except TypeError as e:
        print('TypeError', e)
print(json.encoder.encode_basestring('a"\\\n\x00\x1f\x7fé🙂'), json.encoder.encode_basestring_ascii('a"\\\n\x00\x1f\x7fé🙂'))
try:
    json.encoder.encode_basestring_ascii(1)
except TypeError as e:
    print('TypeError', e)
print(json.JSONEncoder().encode('x\ty'), json.JSONEncoder(ensure_ascii=False).encode('☃'))
print(list(json.JSONEncoder().iterencode({'a': [1]})), json.JSONEncoder().iterencode([1], _one_shot=True))
