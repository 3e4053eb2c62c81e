# print(): multiple args, sep, end, no args, non-str objects, flush.
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", sep=" | ", end=" <end>\n")
print(1, 2.5, None, True, [1, "x"], (2,), {"k": (1,)}, sep=",")
print("no newline", end="")
print(" continued")
print(*range(5))
print(*"spread", sep=".")
print("sep None", "end None", sep=None, end=None)
print("flush", flush=True)
print("", "", sep="x")
print("multi\nline\tstring")
print(-0.0, 1e100, 2 ** 64, -7 // 2)
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", end=[])
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", bogus=1)
except TypeError as e:
    print("TypeError:", e)
