# with statements using a user-defined context manager: enter/exit order, exception suppression.
class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


with Tracker("a") as value:
    print("body got", value)

with Tracker("outer"), Tracker("inner") as inner:
    print("nested body", inner)

with Tracker("quiet", suppress=True):
    raise ValueError("suppressed")
print("after suppressed")

try:
    with Tracker("loud"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", repr(e))


def early_return():
    with Tracker("ret"):
        return "returned"


print(early_return())
for i in range(3):
    with Tracker(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
