# Big-integer arithmetic: factorials, powers, the digits of pi by a spigot, and int<->str conversion.


def pi_digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < n:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, t, k, m, x = 10 * q, 10 * (r - m * t), t, k, (10 * (3 * q + r)) // t - 10 * m, x
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return digits


def main():
    digits = pi_digits(2500)
    print("pi", "".join(map(str, digits[:30])), sum(digits))
    f = 1
    for i in range(1, 1500):
        f *= i
    s = str(f)
    print("1499! digits", len(s), s[:20], sum(map(int, s)) % 1000003)
    p = pow(3, 20000) - pow(7, 7000)
    print("power", p % 1000000007, p.bit_length(), (p >> 5000) % 999983)


main()
