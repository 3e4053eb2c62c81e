# A class with __init__, instance attributes, methods and class attributes.
class Counter:
    created = 0

    def __init__(self, start=0):
        self.value = start
        Counter.created += 1

    def increment(self, by=1):
        self.value += by
        return self

    def __repr__(self):
        return f"Counter({self.value})"

    def __str__(self):
        return f"<count {self.value}>"


a = Counter()
b = Counter(10)
a.increment().increment(5)
print(a, repr(b), [a, b], Counter.created, a.created)
print(a.value, b.increment(-3).value)
a.extra = "dynamic"
print(a.extra)
try:
    print(b.extra)
except AttributeError as e:
    print("AttributeError:", e)
print(type(a).__name__, isinstance(a, Counter))
