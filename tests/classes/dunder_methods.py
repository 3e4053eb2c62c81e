# Operator overloading with dunder methods: arithmetic, comparison, len, eq/hash, bool.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __len__(self):
        return 2

    def __bool__(self):
        return bool(self.x or self.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a * 3, 2 * b, a == Vec(1, 2), a != b, a < b, sorted([b, a]))
print(len(a), bool(Vec(0, 0)), bool(a), {a: "a"}[Vec(1, 2)])
try:
    a - b
except TypeError as e:
    print("TypeError:", e)
