# Inheritance, method overriding, super(), isinstance/issubclass with user classes.
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return f"{self.name} with area {self.area()}"


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"


shapes = [Shape("blob"), Rect(2, 3), Square(4)]
for s in shapes:
    print(s.describe(), isinstance(s, Rect), type(s).__name__)
print(issubclass(Square, Shape), issubclass(Shape, Square), [c.__name__ for c in Square.__mro__])
