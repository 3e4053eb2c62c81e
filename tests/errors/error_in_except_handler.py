# Uncaught error raised inside an except handler (chained traceback, last line is the new error).
data = {"a": 1}
try:
    print(data["b"])
except KeyError:
    print("recovering")
    print(data["a"] + "x")
