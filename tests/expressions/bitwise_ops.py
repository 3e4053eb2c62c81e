# Bitwise operators on ints, including negatives and bools.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 >> 2, -12 << 2, -1 >> 100)
print(1 << 64, (1 << 64) - 1 >> 32, 255 & -256)
print(True & False, True | False, True ^ True, ~True, True << 3)
print(type(True & True).__name__, type(True + True).__name__)
for n in [0, 1, 5, 255, 256, 1023]:
    print(n, bin(n), n.bit_length(), bin(n).count("1"))
x = 0
for bit in [0, 3, 5]:
    x |= 1 << bit
print(x, bin(x))
print(6 & 3 | 8 ^ 1, 6 & (3 | 8) ^ 1, 1 + 2 << 3, 1 + (2 << 3))
try:
    print(1 << -1)
except ValueError as e:
    print("ValueError:", e)
try:
    print(1.0 & 1)
except TypeError as e:
    print("TypeError:", e)
