# Try blocks inside loops, loops inside try, error accumulation.
results = []
for text in ["10", "x", "20", "", "-5", "3.5", " 7 "]:
    try:
        results.append(int(text))
    except ValueError as e:
        results.append(str(e))
for r in results:
    print(repr(r))

data = {"a": 1, "b": 0, "c": "z"}
for key in ["a", "b", "c", "d"]:
    try:
        print(key, 10 / data[key])
    except ZeroDivisionError as e:
        print(key, "ZeroDivisionError", e)
    except KeyError as e:
        print(key, "KeyError", e)
    except TypeError as e:
        print(key, "TypeError", e)

try:
    for i in range(10):
        if i == 4:
            raise StopIteration(i)
        print("i", i)
except StopIteration as e:
    print("stopped with", e.value, e)

count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError(count)
        break
    except ValueError as e:
        print("retry after", e)
print("count", count)
