# Exceptions raised and caught: try/except/finally in loops, custom exception classes, re-raising.


class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def risky(i):
    if i % 3 == 0:
        raise AppError(i)
    if i % 5 == 0:
        raise KeyError(i)
    return i


def wrapped(i):
    try:
        return risky(i)
    except KeyError:
        return -1
    finally:
        pass


def main():
    total = 0
    d = {}
    for i in range(200000):
        try:
            total += wrapped(i)
        except AppError as e:
            total += e.code % 7
        try:
            total += d[i]
        except KeyError:
            total += 1
        try:
            int("x")
        except ValueError:
            total += 2
    print("exceptions checksum", total)


main()
