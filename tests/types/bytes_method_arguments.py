# The argument errors of every bytes and bytearray method: each calling convention has its own messages.

names = [n for n in dir(bytearray) if not n.startswith("_")]
for n in names:
    for t in (bytes, bytearray):
        if not hasattr(t, n):
            continue
        f = getattr(t(b"ab"), n)
        for call in range(3):
            try:
                if call == 0:
                    f()
                elif call == 1:
                    f(1, 2, 3, 4, 5)
                else:
                    # Through the type, as a direct method call reports keyword errors.
                    getattr(t, n)(t(b"ab"), x=1)
                r = "ok"
            except Exception as e:
                r = type(e).__name__ + ": " + str(e)
            print(t.__name__, n, call, r)
# Methods called through the type with a receiver of the wrong type, or none.
for t, other in ((bytes, bytearray(b"x")), (bytearray, b"x"), (bytes, "x")):
    for n in ("upper", "find", "split", "center", "join", "hex", "decode"):
        try:
            getattr(t, n)(other)
        except TypeError as e:
            print(t.__name__, n, e)
    try:
        getattr(t, "upper")()
    except TypeError as e:
        print(e)
for n in ("__len__", "__add__", "__getitem__", "__contains__", "__mul__", "__eq__"):
    try:
        getattr(bytes, n)("s", 1)
    except TypeError as e:
        print(n, e)
    try:
        getattr(b"x", n)(1, 2)
    except TypeError as e:
        print(n, e)
