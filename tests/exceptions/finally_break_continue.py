# break and continue passing through finally inside for and while loops.
for i in range(5):
    try:
        if i == 3:
            break
        print("loop", i)
    finally:
        print("finally", i)

i = 0
while i < 4:
    i += 1
    try:
        if i % 2:
            continue
        print("even", i)
    finally:
        print("cleanup", i)


def break_in_finally():
    for i in range(3):
        try:
            raise RuntimeError("dropped")
        finally:
            break
    return i


print(break_in_finally())


def continue_in_nested_try():
    log = []
    for i in range(3):
        try:
            try:
                if i == 1:
                    continue
                log.append(f"body{i}")
            finally:
                log.append(f"inner{i}")
        finally:
            log.append(f"outer{i}")
    return log


print(continue_in_nested_try())
