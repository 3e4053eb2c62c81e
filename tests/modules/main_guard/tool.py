def describe():
    return "tool is " + __name__
if __name__ == "__main__":
    print("this must not print")
else:
    print("tool imported as", __name__)
