# itertools: the iterators that end with their shortest input.
from itertools import (accumulate, batched, chain, compress, dropwhile, filterfalse, groupby, islice, pairwise,
                       starmap, takewhile, tee, zip_longest)

print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3, 4, 5], lambda a, b: a * b)))
print(list(accumulate([3, 1, 4, 1, 5, 9, 2], max)), list(accumulate([], initial=100)), list(accumulate([1, 2], initial=100)))
print(list(accumulate("abc")), list(accumulate([[1], [2], [3]])), list(accumulate([1, 2, 3], lambda a, b: a * 10 + b, initial=None)))
print(list(batched("ABCDEFG", 3)), list(batched(range(4), 2)), list(batched([], 5)), list(batched(range(3), 10)))
print(list(chain("ab", [1, 2], (), range(2))), list(chain()), list(chain.from_iterable(["xy", [3], range(2)])))
print(list(chain.from_iterable(x for x in ["ab", "cd"])), list(chain([[1, 2]])))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress(range(10), [1, 0] * 3)), list(compress("ab", [1, 1, 1, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 3, 8])), list(dropwhile(lambda x: True, [1, 2])), list(dropwhile(bool, [0, 1, 0])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 3, 8])), list(takewhile(lambda x: False, [1])), list(takewhile(bool, [1, 2, 0, 3])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", None, [], [0]])), list(filterfalse(bool, [0, 1])))

print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")], [(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3, 3])])
print([(k, list(g)) for k, g in groupby(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda s: s[0])])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6, 8], key=lambda x: x // 3)], list(groupby([])))
# The groups share the underlying iterator: advancing the groupby invalidates the previous group.
groups = list(groupby("aabbbc"))
print([(k, list(g)) for k, g in groups])
gb = groupby("aaabbc")
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2), list(g2))
gb = groupby([1, 1, 2, 2, 2, 3])
k, g = next(gb)
print(k, list(g), [(k, list(g)) for k, g in gb])
gb = groupby("xxy")
k, g = next(gb)
print(next(g), next(gb)[0], list(g))

print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)), list(islice("ABCDEFG", 0, None, 2)))
print(list(islice(range(10), 1, 8, 3)), list(islice(range(3), 10)), list(islice(range(10), 5, 2)), list(islice([], 0, 5)))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 2, 4)), next(it))
it = iter(range(10))
s = islice(it, 2)
print(list(s), list(s), next(it))
print(list(pairwise("ABCDE")), list(pairwise([1])), list(pairwise([])), list(pairwise(range(3))))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(lambda *a: a, ["ab", [1], []])), list(starmap(max, [[1, 5, 2]])))

a, b = tee(range(5))
print(list(a), list(b))
a, b, c = tee("abc", 3)
print(next(a), next(a), next(b), list(c), list(a), list(b))
t = tee([1, 2, 3], 1)
print(len(t), list(t[0]), tee([1, 2], 0))
a, b = tee(iter([1, 2, 3, 4]))
next(a)
c, d = tee(a)
print(list(c), list(d), list(b), type(a) is type(c))
a, = tee("xyz", 1)
b = a.__copy__()
print(next(a), list(b), list(a))
src = iter(range(6))
a, b = tee(src)
print(next(a), next(src), next(b), list(a), list(b))

print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest("ab", [1, 2, 3])), list(zip_longest()))
print(list(zip_longest([], [])), list(zip_longest("a", "bc", "def", fillvalue=0)))


def gen():
    yield 1
    yield 2
    raise ValueError("boom")


for name, it in [("chain", chain(gen())), ("islice", islice(gen(), 5)), ("batched", batched(gen(), 5)), ("accumulate", accumulate(gen()))]:
    out = []
    try:
        for x in it:
            out.append(x)
    except ValueError as e:
        print(name, out, "ValueError", e, list(it))
