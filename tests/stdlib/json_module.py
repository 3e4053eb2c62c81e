# json dumps/loads through the pure-Python encoder/decoder (which need re).
import json

data = {'name': 'crabby', 'n': [1, 2.5, -3, 1e100], 'ok': True, 'none': None, 'nested': {'a': [], 'b': {}},
        'text': 'quote " backslash \\ tab \t newline \n unicode é ☃ 🙂'}
s = json.dumps(data)
print(s)
print(json.dumps(data, sort_keys=True, indent=2))
print(json.dumps(data, ensure_ascii=False, separators=(',', ':')))
print(json.loads(s) == data, json.loads(s))
print(json.loads('[1, 2.0, "x", {"a": null, "b": false}, 1e3, -0.5]'))
print(json.loads('"\\u00e9\\ud83d\\ude42"'), json.loads(' {"a" : 1 } '))
print(json.dumps([float('inf'), float('nan')]), json.dumps('\x00\x1f'))
print(json.loads('123456789012345678901234567890'), json.loads('1.5', parse_float=str))
print(json.dumps({1: 'a', 2.5: 'b', None: 'c', True: 'd'}))
print(json.loads('{"a": 1, "a": 2}'), json.loads('[]', object_pairs_hook=list))
print(json.loads('{"x": [1, {"y": 2}]}', object_hook=lambda d: sorted(d.items())))
for bad in ('{', '[1,]', '{"a" 1}', 'nul', '"abc', '[1] x', '', '{"a":1,}'):
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e, e.pos, e.lineno, e.colno)
try:
    json.dumps({'a': object()})
except TypeError as e:
    print('TypeError', e)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1, 2}}, cls=Enc))
