# Fixed-point float formatting ('%.Nf', '{:.Nf}', f-strings) rounds the exact binary value half to even,
# for every precision and magnitude (exact ties, values just off a tie, huge and tiny values).
ties = [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -0.5, -2.5, 0.045, 1.25e-5, 0.0625, 3.0517578125e-05]
for x in ties:
    print(repr(x), ["%.*f" % (p, x) for p in range(0, 8)])
others = [0.0, -0.0, 1.0, -1.0, 0.1, 0.7, 1e-20, -1e-20, 5e-324, 2.2250738585072014e-308, 123456789.987654321,
          9.2e18, 9.223372036854775e18, 9.3e18, 1e22, 1.7976931348623157e308, 4.35, 0.95, 99.995, 999999.9999995,
          0.049999999999999996, 1/3, 2/3, 7e-17, 4.9e-18, 5e-18, 5.000000000000001e-18]
for x in others:
    print(repr(x), "%.0f|%.1f|%.2f|%.6f|%.10f|%.17f|%.18f|%.20f" % ((x,) * 8))
    print(f"{x:.3f} {x:+.2f} {x:12.4f} {x:<12.1f}| {x:#.0f} {x:,.2f} {-x:.5F}")
# Values made of many bits, at every precision up to the fast limit and past it.
state = 987654321
for i in range(200):
    state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    x = (state >> 11) * 2.0 ** ((state % 97) - 80)
    p = state % 21
    print(p, "%.*f" % (p, x), format(-x, f".{p}f"))
print("%5.1f%%" % 12.25, "%-8.3f|" % 0.0005, "%08.2f" % -3.14159, "%.2f" % float("nan"), "%.1f" % float("-inf"))
