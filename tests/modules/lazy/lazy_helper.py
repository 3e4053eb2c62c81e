print("lazy_helper runs once")
NAME = "lazy"
def value():
    return 42
