# repr of floats in every layout CPython uses (fixed, leading zeros, trailing zeros, exponents of one, two and
# three digits, both signs), through repr(), float.__repr__, str(), f-strings, containers and the native JSON
# encoder (`_json.make_encoder`, what json.dumps uses without indent).
import _json

values = [
    1.25, -1.25, 0.1, 0.5, 100.0, 123456789.125, 1e15, 9999999999999998.0, 1e16, 1.5e16, 1e22, 1e100,
    1.7976931348623157e308, 0.0001, 0.00012345, 1e-5, 1.2345e-5, 1e-7, 2.5e-10, 5e-324,
    2.2250738585072014e-308, 0.3 + 0.6, 1 / 3, 2 / 3, 1e-100, 123e-300, 10.0, 1000000.0, 0.0, -0.0,
]
for v in values:
    print(repr(v), float.__repr__(v), str(v), f"{v}", repr(-v))
print(values)


def encoder(allow_nan=True, sort_keys=False):
    return _json.make_encoder({}, None, _json.encode_basestring_ascii, None, ": ", ", ", sort_keys, False,
                              allow_nan)


print(encoder()(values, 0)[0])
print(encoder(sort_keys=True)({"k": values[:5], "a": -0.0}, 0)[0])
print(encoder()([float("nan"), float("inf"), -float("inf")], 0)[0])
try:
    encoder(allow_nan=False)([1.0, float("inf")], 0)
except ValueError as e:
    print("ValueError", e)


class F(float):
    def __repr__(self):
        return "F!"


print(encoder()([F(2.5), {F(1.5): F(0.25)}], 0)[0])
print(encoder()({1.5: 1, -0.0: 2, 1e20: 3, float("inf"): 4, 1e-7: 5}, 0)[0])
for v in values:
    assert float(repr(v)) == v
print(sum(len(repr(v)) for v in values))
