INIT_RUNS = 1
helper_value = "from __init__"
print("init shapes", __name__)
