# Uncaught TypeError: iterating over an int.
total = 0
for i in [1, 2]:
    total += i
print(total)
for j in total:
    print(j)
