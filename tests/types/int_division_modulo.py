# Floor division and modulo sign rules for ints (small and big), and divmod.
for a in [17, -17, 0, 5, -5, 2 ** 65, -(2 ** 65)]:
    row = []
    for b in [5, -5, 3, -3, 1, -1, 2 ** 64]:
        row.append(f"{a // b},{a % b}")
    print(a, " ".join(row))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5)]:
    q, r = divmod(a, b)
    print(a == q * b + r, abs(r) < abs(b))
print(-1 // 2, -1 % 2, 1 // -2, 1 % -2, -(1 // 2))
print(7 / 2, -7 / 2, 2 ** 70 / 2 ** 68, 1 / 2 ** 80)
try:
    10 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    10 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    10 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
