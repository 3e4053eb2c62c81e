# Generator pipelines: chained generators, generator expressions, yield from, sum/any over generators.


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def squares(source):
    for x in source:
        yield x * x


def chunks(source, size):
    chunk = []
    for x in source:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def flatten(nested):
    for part in nested:
        yield from part


def main():
    total = 0
    for _ in range(5):
        total += sum(squares(evens(numbers(200000))))
        total += sum(len(c) for c in chunks(numbers(100000), 7))
        total += sum(x for x in flatten(chunks(numbers(100000), 13)) if x % 3)
        total += any(x > 10**9 for x in numbers(50000))
    print("generator checksum", total)


main()
