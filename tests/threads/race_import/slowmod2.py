import slowmod
RUNS = 1
BASE_READY = slowmod.READY
DONE = sum(range(10000)) > 0
