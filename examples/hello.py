"""A first crabby program: functions, closures, comprehensions and exceptions."""


def make_counter(start):
    count = start

    def step(by=1):
        nonlocal count
        count += by
        return count

    return step


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


counter = make_counter(10)
print("Hello from crabby!", counter(), counter(5))
print("fib:", [fib(i) for i in range(12)])
squares = {n: n * n for n in range(6) if n % 2 == 0}
print(f"squares={squares} total={sum(squares.values()):>5}")
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print("caught:", e)
