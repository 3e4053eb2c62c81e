# json.loads of every kind of value through the native scanner, and dumps/loads round trips: unicode and
# surrogate-pair escapes, big ints, float reprs, nesting, and the decoder hooks (object_hook,
# object_pairs_hook, parse_float, parse_int, parse_constant) and strict.
import json
from collections import OrderedDict

docs = [
    'null', 'true', 'false', '0', '-0', '7', '-12', '1.5', '-0.0', '1e3', '1E-3', '2.5e+2', '0.1', '1e400', '-1e400',
    '123456789012345678', '1234567890123456789', '-9223372036854775808', '9223372036854775807',
    '9223372036854775808', '123456789012345678901234567890123456789', '3.141592653589793238462643383279',
    'NaN', 'Infinity', '-Infinity', '""', '"plain"', '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t"', '"\\u0041\\u00e9\\u20ac"',
    '"\\ud83d\\ude42 and \\uD83D\\uDE00"', '"é☃🙂 raw"', '"\\u0000"', '[]', '{}', '[[], {}, [[]]]',
    ' \t\n\r[ 1 , 2 ,\n 3 ] \n', '{"a": {"b": {"c": [1, {"d": null}]}}}', '{"dup": 1, "dup": 2}',
    '{"é": "ü", "\\u00e9x": 1}', '[1.0, 1.00, 10.0e0, 1e-7, 1e16, 1e22, 5e-324]',
]
for doc in docs:
    v = json.loads(doc)
    print(repr(doc), '->', ascii(v), type(v).__name__)

print(json.loads('[' * 50 + ']' * 50))
n = json.loads('1' * 4300)
print(len(str(n)))
try:
    json.loads('1' * 4301)
except ValueError as e:
    print('ValueError', e)

# Round trips.
values = [
    {'name': 'crabby', 'n': [1, 2.5, -3, 1e100, 10**50], 'ok': True, 'none': None, 'nested': {'a': [], 'b': {}}},
    ['quote " backslash \\ tab \t newline \n', 'é ☃ 🙂 \u2028 \x7f', '\x00\x01\x1f'],
    [0.1 + 0.2, 1 / 3, 2 ** 0.5, -1e-310, 1.7976931348623157e308, 4.35, 100.0, 1e15, 1e16],
    {'deep': [[[[[[{'x': [1]}]]]]]]},
]
for v in values:
    for kw in ({}, {'ensure_ascii': False}, {'indent': 1}, {'sort_keys': True, 'separators': (',', ':')}):
        s = json.dumps(v, **kw)
        back = json.loads(s)
        print(back == v, ascii(s)[:100])

# Hooks.
print(json.loads('{"a": 1, "b": [2, {"c": 3}]}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=list))
print(json.loads('{"z": 1, "a": {"y": 2}}', object_pairs_hook=OrderedDict))
print(json.loads('{"a": 1}', object_hook=lambda d: 'hooked', object_pairs_hook=lambda p: ('pairs', p)))
print(json.loads('[1.5, 2, 1e2, -0.25]', parse_float=lambda s: ('F', s)))
print(json.loads('[1.5, 2, -30, 0]', parse_int=lambda s: 'int:' + s))
print(json.loads('[1.5, 2]', parse_float=lambda s: 'float:' + s, parse_int=float))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: 'const:' + s))
print(json.loads('{"k": NaN}', parse_constant=str.lower))
try:
    json.loads('[NaN]', parse_constant=lambda s: 1 / 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError', e)
try:
    json.loads('{"a": 1}', object_hook=lambda d: d['missing'])
except KeyError as e:
    print('KeyError', e)
print(json.loads('["tab\there"]', strict=False), json.JSONDecoder(strict=False).decode('"\x1f"') == '\x1f')

# Equal keys share one str object (the scanner's memo).
objs = json.loads('[{"key": 1}, {"key": 2}, {"k\\u0065y": 3}]')
keys = [next(iter(o)) for o in objs]
print(keys, keys[0] is keys[1], keys[1] is keys[2])

# raw_decode and positions past non-ASCII text.
dec = json.JSONDecoder()
print(dec.raw_decode('{"é": [1, "ü"]} trailing'))
print(dec.raw_decode('  "☃☃" 5', 2), dec.scan_once('  "☃☃" 5', 7))
