# `if __name__ == "__main__"` runs only in the main module; `import x as y` binds y only;
# `import __main__` is this module.
import tool as t
import sys
print(t.describe(), "tool" in dir(), "t" in dir())
import __main__
print(__main__ is sys.modules["__main__"], __main__.__name__)
MARK = "main's mark"
print(__main__.MARK)
if __name__ == "__main__":
    print("main guard ran in", __name__)
