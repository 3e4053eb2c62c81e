# math: integer functions are exact on big ints; floor/ceil/trunc return ints.
import math

print(math.factorial(0), math.factorial(1), math.factorial(20), math.factorial(21), math.factorial(True))
print(math.factorial(100))
print(len(str(math.factorial(1000))), math.factorial(1000) % (10 ** 9 + 7))
print(math.isqrt(0), math.isqrt(1), math.isqrt(15), math.isqrt(16), math.isqrt(2 ** 64 - 1), math.isqrt(2 ** 64), math.isqrt(10 ** 100))
print(math.isqrt(10 ** 201 + 17), math.isqrt((3 ** 200) ** 2), math.isqrt((3 ** 200) ** 2 - 1))
print(math.gcd(), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 30), math.gcd(0, 0), math.gcd(2 ** 100, 6 ** 50), math.gcd(1, 2 ** 90))
print(math.lcm(), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(2 ** 70, 3 ** 40), math.lcm(True, 3))
print(math.comb(5, 2), math.comb(10, 0), math.comb(10, 10), math.comb(10, 11), math.comb(100, 50), math.comb(67, 33))
print(math.comb(1000, 3), math.comb(2 ** 70, 2), math.comb(10 ** 20, 10 ** 20 - 1))
print(math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(5, 6), math.perm(5, None), math.perm(30, 20), math.perm(2 ** 65, 2))
for v in [2.5, -2.5, 2.0, -0.5, 0.5, 1e20, -1e20, 2 ** 80, -(2 ** 80), True, 7]:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), type(math.floor(v)).__name__)
print(math.floor(1e300) == int(1e300), math.ceil(-1e300) == int(-1e300))


class Num:
    def __floor__(self):
        return "floor!"

    def __ceil__(self):
        return "ceil!"

    def __trunc__(self):
        return "trunc!"


class F:
    def __float__(self):
        return 2.25


class I:
    def __index__(self):
        return 9


print(math.floor(Num()), math.ceil(Num()), math.trunc(Num()))
print(math.floor(F()), math.ceil(F()), math.sqrt(F()), math.sqrt(I()), math.factorial(I()), math.isqrt(I()), math.gcd(I(), 6))
print(math.comb(I(), 2), math.perm(I(), I()), math.ldexp(1.0, 3))


class MyInt(int):
    pass


print(math.floor(MyInt(5)), math.gcd(MyInt(10), 4), math.sqrt(MyInt(49)), math.log(MyInt(1)))
