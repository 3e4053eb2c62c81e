# Walrus in while/if conditions and comprehensions at module level.
data = [5, 3, 8, 0, 9]
idx = 0
while (value := data[idx]) != 0:
    print("value", value)
    idx += 1
print("stopped at index", idx, "value", value)

if (n := len(data)) > 3:
    print("long list of", n)

chunks = []
remaining = "abcdefgh"
while chunk := remaining[:3]:
    chunks.append(chunk)
    remaining = remaining[3:]
print(chunks)

squares = [y for x in range(6) if (y := x * x) % 2 == 0]
print(squares, "y leaks from comprehension:", y)

total = 0
print([total := total + v for v in [1, 2, 3, 4]], total)
