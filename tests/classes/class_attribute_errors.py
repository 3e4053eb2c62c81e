# AttributeError messages for user classes and instances.
class Point:
    def __init__(self, x):
        self.x = x


p = Point(1)
for get in [lambda: p.y, lambda: Point.z, lambda: p.x.real.nope]:
    try:
        get()
    except AttributeError as e:
        print("AttributeError:", e)
print(p.x)
p.method()
