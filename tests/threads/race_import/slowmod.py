RUNS = globals().get("RUNS", 0) + 1
READY = False
TABLE = {}
for i in range(20000):
    TABLE[i] = str(i)
READY = True
