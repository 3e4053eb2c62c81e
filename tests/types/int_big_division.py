# Floor division, modulo and divmod of big ints whose quotient is short (a few bits up to 2**40), with every
# sign combination, exact divisions, and divisors just above and below the sizes where algorithms switch.
import random

rng = random.Random(12345)


def check(a, b):
    q, r = divmod(a, b)
    assert q == a // b and r == a % b
    assert q * b + r == a
    return q, r


total = 0
lines = []
for bits in (64, 127, 128, 129, 200, 4096, 4097, 8200, 20000):
    for qbits in (0, 1, 2, 31, 32, 33, 40):
        for _ in range(3):
            b = rng.getrandbits(bits) | (1 << (bits - 1))
            a = b * rng.getrandbits(qbits + 1) + rng.getrandbits(bits) if qbits else rng.getrandbits(bits)
            for sa in (1, -1):
                for sb in (1, -1):
                    q, r = check(sa * a, sb * b)
                    total = (total * 31 + q + r % 1000003) % (1 << 61)
        lines.append((bits, qbits, q.bit_length(), r.bit_length()))

# Exact multiples, off-by-one remainders, and a quotient that is a power of two.
for bits in (130, 5000):
    b = (1 << bits) - 1
    for k in (1, 2, 3, 2**31, 2**32 - 1, 2**32, 2**33 + 5):
        for delta in (-1, 0, 1, b - 1):
            for sa, sb in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
                q, r = check(sa * (k * b + delta), sb * b)
                total = (total * 31 + q + r % 1000003) % (1 << 61)

print(lines[:12])
print(lines[-6:])
print("checksum", total)
print(divmod(10**60, 10**50 + 7), (-(10**60)) // (10**50 + 7), (10**60) % -(10**50 + 7))
