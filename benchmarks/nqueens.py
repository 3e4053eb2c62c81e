# N-queens by permutations filtered with set comprehensions (generators, sets, tuples).


def permutations(items):
    n = len(items)
    indices = list(range(n))
    cycles = list(range(n, 0, -1))
    yield tuple(items)
    while n:
        for i in reversed(range(n)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(items[k] for k in indices)
                break
        else:
            return


def n_queens(size):
    cols = range(size)
    for vec in permutations(cols):
        if size == len({vec[i] + i for i in cols}) == len({vec[i] - i for i in cols}):
            yield vec


def main():
    solutions = list(n_queens(8))
    print("queens solutions", len(solutions), "first", solutions[0], "last", solutions[-1])


main()
