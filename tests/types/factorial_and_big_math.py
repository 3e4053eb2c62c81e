# Big-int results from loops: factorials, powers, binomials, digit sums.
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def binomial(n, k):
    return factorial(n) // (factorial(k) * factorial(n - k))


print(factorial(50))
print(factorial(100))
print(sum(int(d) for d in str(factorial(100))))
print(binomial(100, 50))
print(2 ** 1000 % 10 ** 20)
print(len(str(2 ** 10000)))
print(pow(3, 1000, 10 ** 9 + 7), pow(2, 2 ** 70, 1000))
print(factorial(25) // factorial(23), factorial(30) % 1000000007)
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print(a)
print(10 ** 50 // 7 ** 20, -(10 ** 50) // 7 ** 20, 10 ** 50 % -(7 ** 20))
print((2 ** 521 - 1) % 1000000, (2 ** 127 - 1) * (2 ** 61 - 1))
n = 12345678901234567890
print(n * n, n * -n, -n * -n, n - n * 2)
print(int(str(factorial(40))[::-1]))
