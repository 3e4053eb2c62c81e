# math: real functions on ordinary values, printed with repr so every bit shows.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)

xs = [0.0, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 123.456, 1e-10, 1e10]
for name in ["sqrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
             "asinh", "atan", "sinh", "cosh", "tanh", "cbrt", "fabs", "erf", "erfc", "gamma", "lgamma",
             "degrees", "radians"]:
    f = getattr(math, name)
    out = []
    for x in xs:
        try:
            out.append(repr(f(x)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(name, " ".join(out))

for name in ["sin", "cos", "tan", "atan", "asinh", "sinh", "tanh", "erf", "erfc", "cbrt", "expm1", "gamma", "lgamma"]:
    f = getattr(math, name)
    print(name, "neg", [f(-x) for x in [0.25, 0.75, 1.25, 2.5, 5.5, 30.5]])

for x in [-0.9, -0.5, -0.1, 0.0, 0.3, 0.6, 0.99]:
    print("inverse", x, math.asin(x), math.acos(x), math.atanh(x))
for x in [1.0, 1.0001, 1.5, 2.0, 3.0, 100.0, 1e20]:
    print("acosh", x, math.acosh(x))
for x in [1e-30, 1e-5, 0.3, 0.9, 1.1, 2.5, 4.0, 6.5, 27.0, 30.0, -0.4, -1.1, -3.0, -7.0]:
    print("erf/erfc", x, math.erf(x), math.erfc(x))
for x in [0.5, 1.5, 2.5, 7.25, 20.5, 25.0, 100.5, 170.5, 171.5, -0.5, -1.5, -2.5, -10.25, -170.5, 1e-25]:
    print("gamma", x, math.gamma(x), math.lgamma(x))

print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0.0, -0.0), math.atan2(-0.0, 0.0), math.atan2(1e-300, 1e300))
print(math.hypot(3, 4), math.hypot(1, 2, 3), math.hypot(), math.hypot(-5), math.hypot(1e200, 1e200), math.hypot(1e-320, 1e-320))
print(math.hypot(*[0.1] * 10), math.hypot(1.5, 2.5, 3.5, 4.5, 5.5))
print(math.dist((0, 0), (3, 4)), math.dist([1.5, 2.5, -3.5], (0.25, 0.5, 0.75)), math.dist([], []))
print(math.pow(2, 10), math.pow(2.5, 3.5), math.pow(-2, 3), math.pow(-8, 1 / 3 * 3), math.pow(10, -2))
print(math.copysign(3, -0.0), math.copysign(-2.5, 1), math.fmod(10, 3), math.fmod(-10, 3), math.fmod(5.5, -2))
print(math.remainder(10, 3), math.remainder(11, 3), math.remainder(5, 2), math.remainder(7, 2), math.remainder(-7.5, 2))
print(math.frexp(8.0), math.frexp(-0.1), math.frexp(0.0), math.frexp(5e-324), math.frexp(1e308))
print(math.ldexp(0.5, 4), math.ldexp(1.0, -1074), math.ldexp(1.5, -1074), math.ldexp(3.0, 1021), math.ldexp(1.0, -2000), math.ldexp(-0.0, 5))
print(math.modf(3.75), math.modf(-3.75), math.modf(-3.0), math.modf(0.0))
print(math.log(8, 2), math.log(100, 10), math.log(2 ** 1000), math.log(10 ** 400, 10), math.log2(2 ** 2000), math.log10(10 ** 500))
print(math.log(7), math.log(7, 0.5), math.log1p(-0.0), math.log1p(1e-20))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 1.0))
print(math.nextafter(1.0, 2.0, steps=3), math.nextafter(0.0, 1.0, steps=5), math.nextafter(-1e-323, 1.0, steps=4), math.nextafter(1.0, 2.0, steps=0))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(1e300), math.ulp(-3.5), math.ulp(1.7976931348623157e308))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(1, 1.05, rel_tol=0.1))
print(math.isfinite(1.0), math.isinf(-math.inf), math.isnan(math.nan), math.isfinite(10 ** 300))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum(range(10)), math.fsum([]), math.fsum(x / 7 for x in range(100)))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1, 0.2, 0.3], [1, 2, 3]), math.sumprod([1.5, 2], [2, 3.5]))
print(math.sumprod([2 ** 62, 2 ** 62], [4, 4]), math.sumprod([], []), math.sumprod([1e308, -1e308], [10, 10]))
print(math.sumprod([0.1] * 20, [0.3] * 20), math.sumprod([True, False, True], [1.5, 2.5, 3.5]))
print(math.prod([1, 2, 3, 4]), math.prod([1.5, 2, 4]), math.prod([]), math.prod([2] * 70), math.prod([3, 0.5], start=2))
print(math.prod(range(1, 30)), math.prod([1, 2.5, 2 ** 64]), math.prod(["ab", 3], start=1))
