# *args collects extra positionals into a tuple.
def collect(*args):
    return args


print(collect())
print(collect(1))
print(collect(1, "two", [3]))
print(type(collect()).__name__)


def head_and_rest(first, *rest):
    return first, rest


print(head_and_rest(1))
print(head_and_rest(1, 2, 3))


def total(*nums, start=0):
    for n in nums:
        start += n
    return start


print(total(1, 2, 3), total(1, 2, 3, start=100), total())


def nested(*args):
    return collect(*args, *args)


print(nested(1, 2))
try:
    head_and_rest()
except TypeError as e:
    print("TypeError:", e)
