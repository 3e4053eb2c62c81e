# Ordering of try/except/else/finally in normal and exceptional flows.
def run(fail):
    log = []
    try:
        log.append("try")
        if fail:
            raise ValueError("boom")
        log.append("try end")
    except ValueError as e:
        log.append(f"except {e}")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return log


print(run(False))
print(run(True))


def finally_only():
    log = []
    try:
        try:
            log.append("inner try")
            raise KeyError("k")
        finally:
            log.append("inner finally")
    except KeyError:
        log.append("outer except")
    return log


print(finally_only())


def else_raises():
    try:
        pass
    except ValueError:
        return "handler"
    else:
        raise ValueError("from else")


try:
    else_raises()
except ValueError as e:
    print("else clause exceptions are not caught by its own handlers:", e)

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
