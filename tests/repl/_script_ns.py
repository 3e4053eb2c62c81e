class Base:
    def hello(self):
        return "hello from " + type(self).__name__


def double(v):
    return v * 2


counter = 10
print("script ran, __name__ =", __name__)
