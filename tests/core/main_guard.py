# __name__ at module level and the main guard.
print("module name is", __name__)


def main():
    print("main() called")
    return 0


if __name__ == "__main__":
    main()
else:
    print("imported")

if __name__ != "__main__":
    print("never")
print(type(__name__).__name__)
