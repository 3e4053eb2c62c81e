# hex(), bin(), oct() of positive, negative, zero, bool and big ints; parse back with int().
for n in [0, 1, 7, 8, 15, 16, 255, 256, -1, -255, 2 ** 32, 2 ** 100, -(2 ** 64), True]:
    print(n, hex(n), bin(n), oct(n), int(hex(n), 16), int(bin(n), 2), int(oct(n), 8))
print(hex(0xDEADBEEF), 0o777, 0b1010_1010, 0x_ff, 1_000_000)
for bad in [1.5, "10", None]:
    try:
        hex(bad)
    except TypeError as e:
        print("TypeError:", e)
