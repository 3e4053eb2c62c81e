# Recursive Fibonacci: function calls and small-int arithmetic.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for i in range(5):
        total += fib(27 + i % 2)
    print("fib checksum", total)


main()
