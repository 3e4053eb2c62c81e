# chr() and ord() round trips, including non-ASCII and astral code points.
for cp in [0, 9, 10, 32, 48, 65, 97, 126, 127, 233, 960, 8364, 20013, 128512, 0x10FFFF]:
    c = chr(cp)
    print(cp, repr(c), ord(c) == cp)
print("".join(chr(ord("a") + i) for i in range(26)))
print([ord(c) for c in "Hi€"], chr(ord("A") + 25))
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: ord(""), lambda: ord("ab"), lambda: ord(5), lambda: chr("a")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
