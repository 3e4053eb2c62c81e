# OrderedDict errors and messages, including mutation during iteration.
from collections import OrderedDict


def attempt(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)


od = OrderedDict(a=1, b=2)
attempt(lambda: od.move_to_end("zz"))
attempt(lambda: OrderedDict().move_to_end("zz"))
attempt(lambda: OrderedDict().popitem())
attempt(lambda: OrderedDict().popitem(last=False))
attempt(lambda: od.pop("zz"))
attempt(lambda: od["zz"])
attempt(lambda: od.__delitem__("zz"))
attempt(lambda: od.update([1, 2], [3]))
attempt(lambda: OrderedDict([1], [2]))
attempt(lambda: od.update([(1,)]))
attempt(lambda: od.update([(1, 2, 3)]))
attempt(lambda: od.update([5]))
attempt(lambda: od.update(5))
attempt(lambda: od.move_to_end())
attempt(lambda: od.move_to_end("a", True, 3))
attempt(lambda: od.popitem(True, 1))
attempt(lambda: od.move_to_end("a", lst=True))
attempt(lambda: od[[1]])
attempt(lambda: od.move_to_end([1]))
attempt(lambda: OrderedDict.keys(5))
attempt(lambda: od.setdefault())
print(od)


def run(label, mutate, make=lambda od: iter(od)):
    od = OrderedDict(a=1, b=2, c=3)
    it = make(od)
    out = [next(it)]
    mutate(od)
    for _ in range(2):
        try:
            out.append(next(it))
        except StopIteration:
            out.append("stop")
        except RuntimeError as e:
            out.append("RuntimeError: " + str(e))
    print(label, out)


run("move", lambda od: od.move_to_end("a"))
run("move-first-noop", lambda od: od.move_to_end("a", last=False))
run("move-last-noop", lambda od: od.move_to_end("c"))
run("insert", lambda od: od.__setitem__("z", 0))
run("replace", lambda od: od.__setitem__("b", 20))
run("delete", lambda od: od.__delitem__("c"))
run("pop", lambda od: od.pop("b"))
run("popitem", lambda od: od.popitem())
run("clear", lambda od: od.clear())
run("clear-refill", lambda od: (od.clear(), od.update(x=1, y=2, z=3)))
run("del-insert", lambda od: (od.__delitem__("b"), od.__setitem__("b", 5)))
run("keys-move", lambda od: od.move_to_end("b"), lambda od: iter(od.keys()))
run("values-insert", lambda od: od.__setitem__("q", 1), lambda od: iter(od.values()))
run("items-clear", lambda od: od.clear(), lambda od: iter(od.items()))
run("reversed-move", lambda od: od.move_to_end("a", last=False), lambda od: reversed(od))
run("reversed-items-pop", lambda od: od.popitem(last=False), lambda od: reversed(od.items()))
empty = OrderedDict()
it = iter(empty)
empty["late"] = 1
print(list(it), list(empty))
od = OrderedDict(a=1, b=2, c=3)
try:
    for k in od:
        od.move_to_end(k)
except RuntimeError as e:
    print("loop", e)
print(list(od))
try:
    for k in od.items():
        del od["b"]
except RuntimeError as e:
    print("loop", e)
print(od)
