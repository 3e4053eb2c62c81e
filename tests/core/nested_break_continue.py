# break/continue only affect the innermost loop; flags to exit outer loops.
found = None
for i in range(1, 6):
    for j in range(1, 6):
        if i * j == 12:
            found = (i, j)
            break
        if j > i:
            continue
    if found:
        break
print("found", found)

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
for row in grid:
    for cell in row:
        if cell % 2 == 0:
            continue
        if cell == 7:
            break
        print("cell", cell)
    else:
        print("row done", row)

result = []
i = 0
while i < 4:
    i += 1
    for c in "xyz":
        if c == "y" and i % 2:
            continue
        if c == "z" and i == 3:
            break
        result.append(f"{i}{c}")
print(result)
