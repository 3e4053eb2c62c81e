# _json's string escaping, ints and the scanner's strings: escapes of every kind, non-ASCII, long strings
# (longer than the inline text of a str), both escapers, int subclasses, and keys shared by the scanner.
import _json

encode_basestring, encode_basestring_ascii = _json.encode_basestring, _json.encode_basestring_ascii
samples = [
    "", "a", "plain text", 'q"uote', "back\\slash", "tab\tnl\ncr\r", "\x00\x01\x1f\x7f", "\b\f",
    "café", "naïve ☃", "\U0001f642 emoji", "é" * 50, "x" * 93, "y" * 94, "z" * 95, "w" * 300,
    "\n" * 40, "mixed é \n \" \\ \U0001f600" * 7, "/slash/",
]


class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = None
    memo = {}


scan = _json.make_scanner(Ctx())
for s in samples:
    a, b = encode_basestring_ascii(s), encode_basestring(s)
    print(len(a), len(b), a[:60], b[:60])
    assert scan(a, 0)[0] == s and scan(b, 0)[0] == s


def encoder(escape, sort_keys=False):
    return _json.make_encoder({}, None, escape, None, ": ", ", ", sort_keys, False, True)


print(encoder(encode_basestring_ascii)(samples, 0)[0][:300])
text = encoder(encode_basestring)(samples, 0)[0]
print(len(text), text[:300])
print(scan(text, 0)[0] == samples)
text = encoder(encode_basestring_ascii, True)({s: i for i, s in enumerate(samples)}, 0)[0]
print(len(text), text[:120])
back = scan(text, 0)[0]
print(sorted(back.values()) == list(range(len(samples))), list(back)[:5])

# Escapes decoded by the scanner, short and long.
for doc in ['"\\u00e9\\n\\t\\"\\\\\\/"', '"' + "\\u0041" * 40 + '"', '"caf\\u00e9 ' + "p" * 100 + '"',
            '"\\ud83d\\ude42"', '"\u00e9' + "q" * 120 + '"', '"' + "r" * 200 + '"']:
    v, end = scan(doc, 0)
    print(len(v), end, repr(v[:20]), v == scan(encode_basestring_ascii(v), 0)[0])


class I(int):
    def __repr__(self):
        return "I!"


ints = [0, 7, -7, 10, 99, -100, 2**31, -(2**63), 2**63, 2**100, -(2**70), True, False, I(5)]
print(encoder(encode_basestring_ascii)(ints, 0)[0])
print([int.__repr__(i) for i in ints])
print(encoder(encode_basestring_ascii)({0: "a", -5: "b", 2**70: "c", True: "d", None: "e"}, 0)[0])

# Keys equal within one document are one object.
docs = scan('[{"name": 1, "id": 2}, {"name": 3, "id": 4}, {"n\\u0061me": 5}]', 0)[0]
k = [list(d)[0] for d in docs]
print(k, k[0] is k[1], k[1] is k[2])
