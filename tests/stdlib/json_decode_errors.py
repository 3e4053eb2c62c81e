# Every JSONDecodeError message of the decoder with its position (msg, pos, lineno, colno), and the
# StopIteration / ValueError / TypeError of the scanner and scanstring called directly.
import json
import json.decoder
from json import JSONDecodeError

BAD = [
    '', ' ', '{', '[', '[1', '[1,', '[1,]', '[1 2]', '{"a"', '{"a" 1}', '{"a":}', '{"a":1,}', '{"a":1 "b":2}',
    '{1: 2}', "{'a': 1}", '{"a":1,  }', '[1,\n  ]', 'nul', 'tru', 'fals', 'NaNx', '-', '-x', '--1', '01', '1.',
    '.5', '1e', '1e+', '[1e5', '"abc', '"abc\\', '"a\\qb"', '"a\\u12"', '"a\\u12x4"', '"a\\uzzzz"',
    '"a\\ud800\\u12x4"', '"a\\ud800\\ude"', '"a\x01b"', '"tab\there"', '[1] x', '{} {}', '1 2', '\ufeff[1]',
    '[\n1,\n2,,3]', '{\n  "k": [1, 2,\n   3 4]\n}', '"\\u00e9\\', '[1, "é', '["é", x]', '{"é": 1, "ü" 2}',
    '[' * 5 + ']' * 4, '{"a": [1, {"b": nul}]}', 'Infinit', '-Inf', 'true false', '"a\\\n"',
]
for doc in BAD:
    try:
        v = json.loads(doc)
        print(repr(doc), 'OK', repr(v))
    except JSONDecodeError as e:
        print(repr(doc), 'JSONDecodeError:', e.msg, '| pos', e.pos, 'line', e.lineno, 'col', e.colno)
        print('   ', str(e), isinstance(e, ValueError), e.doc == doc)

# strict=False accepts control characters inside strings.
print(repr(json.loads('"a\x01\tb\nc"', strict=False)))
print(repr(json.loads('{"k\x1f": "v\x00"}', strict=False)))

# The scanner called directly: (value, end), StopIteration(idx) when no value starts at idx.
scan = json.decoder.JSONDecoder().scan_once
print(type(scan).__name__, type(scan).__module__)
for doc, idx in [('[1, 2] tail', 0), ('xx 42 yy', 3), ('"é" "ü"', 4), ('  true', 2), ('abc', 0), ('abc', 3),
                 ('abc', 10), ('-', 0), ('é', 0), ('[1, é]', 0), ('{"a": é}', 0)]:
    try:
        print(repr(doc), idx, scan(doc, idx))
    except StopIteration as e:
        print(repr(doc), idx, 'StopIteration', e.value)
    except JSONDecodeError as e:
        print(repr(doc), idx, 'JSONDecodeError', e)
try:
    scan('[1]', -1)
except ValueError as e:
    print('ValueError', e)
try:
    scan(b'[1]', 0)
except TypeError as e:
    print('TypeError', e)

# scanstring directly.
from json.decoder import scanstring
for doc, end in [('"abc"', 1), ('x"a\\nb" y', 2), ('"é\\u00e9\\ud83d\\ude42"', 1), ('"a"', 0), ('"a"', 3),
                 ('"a', 1), ('"a\x02"', 1)]:
    try:
        print(repr(doc), end, ascii(scanstring(doc, end)))
    except JSONDecodeError as e:
        print(repr(doc), end, 'JSONDecodeError', e)
    except ValueError as e:
        print(repr(doc), end, 'ValueError', e)
print(scanstring('"a\x02"', 1, False))
for bad in [(b'"a"', 1), ('"a"', 'x'), ('"a"', 4), ('"a"', -1)]:
    try:
        scanstring(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
