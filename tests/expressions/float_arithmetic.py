# Float arithmetic, mixed int/float, floor division and modulo of floats.
print(0.1 + 0.2, 0.1 * 3, 1.1 * 1.1, 1 - 0.9)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(5 / 2, 5 // 2.0, 2 ** 0.5, 4 ** 0.5, 10 ** -2)
print(1e300 * 1e10, -1e300 * 1e10, 1e-300 * 1e-300)
print(3 * 1.0, 3 + 0.0, 1 / 1, 2.0 ** 10, (-8.0) ** 2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(1.5 == 1.5, 0.1 + 0.2 == 0.3, 1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1))
print(-0.0, 0.0 == -0.0, -0.0 + 0.0, 0.0 * -1)
print(float("inf") - float("inf"), float("inf") * 0, float("inf") + 1)
print(1e16, 1e15, 123456789.0, 1234567890123456789.0, 0.0001, 0.00001)
print(100.0, 1e22, 1e23, 5e-324, 1.7976931348623157e308)
print(3.0 * 2 ** 70, 2.5e-5 * 4)
print(abs(-2.5), -(-2.5), +1.25)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(1.0 // 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(1.0 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(0.0 ** -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print("OverflowError:", e)
