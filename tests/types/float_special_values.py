# inf, nan and -0.0 behaviour.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, -nan, inf + inf, inf - inf, inf * -1, 1 / inf, -1 / inf)
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan, nan < 1, nan > 1)
print(nan is nan, [nan] == [nan], nan in [nan])
print(max(1, inf), min(-inf, 0), abs(-inf), -(-inf))
neg_zero = -0.0
print(neg_zero, neg_zero == 0.0, repr(neg_zero), str(neg_zero), abs(neg_zero), -neg_zero)
print(0.0 * -5, -0.0 * -5, 0.0 / -1, -0.0 + 0, neg_zero - 0.0, 0.0 - 0.0)
print(round(-0.4), round(-0.4, 1), int(-0.9), -0.0 // 1, -1e-320 * 1e-10)
print(f"{neg_zero:.2f} {neg_zero:+} {inf:.2f} {nan:5} {-inf:e}")
print(inf // 1, 5.0 % inf, -5.0 % inf, inf % 2)
print(hash(inf), hash(-inf), hash(0.0), hash(-0.0), hash(1.0), hash(1.5))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(nan)
except ValueError as e:
    print("ValueError:", e)
try:
    round(inf)
except OverflowError as e:
    print("OverflowError:", e)
