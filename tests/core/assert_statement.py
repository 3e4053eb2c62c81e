# assert statements that pass, and failing ones caught by the program.
assert True
assert 1 + 1 == 2, "math works"
print("passing asserts are silent")

try:
    assert 1 > 2
except AssertionError as e:
    print("caught", type(e).__name__, repr(e), e.args)

try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print("caught", repr(e), str(e))

def check(n):
    assert n >= 0, f"n must be non-negative, got {n}"
    return n * 2

for n in [3, 0, -4]:
    try:
        print(check(n))
    except AssertionError as e:
        print("AssertionError:", e)

calls = []
def msg():
    calls.append("msg")
    return "message"

assert True, msg()
print("message evaluated lazily:", calls)
try:
    assert 0, msg()
except AssertionError as e:
    print(e, calls)
try:
    assert False, 42
except AssertionError as e:
    print(repr(e))
