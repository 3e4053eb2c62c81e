# Parameters a function never rebinds are read in place from the caller's argument slots, and a method
# called on a local receives that local's object without a new reference. These are the cases where the
# object must still outlive the call, be kept when stored, or be released when the caller lets go.
import gc
import threading
import weakref

KEEP = []


class Node:
    def __init__(self, name):
        self.name = name
        self.kids = []

    def me(self):
        return self

    def keep(self):
        KEEP.append(self)
        return len(KEEP)

    def rebinds(self, other):
        self = other
        return self.name

    def deletes(self):
        name = self.name
        del self
        return name

    def add(self, kid):
        self.kids.append(kid)
        return kid

    def depth(self, n):
        return n if n == 0 else self.me().depth(n - 1) + 1

    def scope(self, k, *, flag=False):
        return sorted(locals())

    def gen(self):
        yield self.name
        yield self.name.upper()

    def boom(self, x):
        return self.missing + x

    def with_default(self, a, b=10):
        return a + b


def main():
    n = Node("a")
    print(n.me() is n, n.me().name)
    print(n.keep(), KEEP[-1] is n)
    print(n.rebinds(Node("b")), n.name)
    print(n.deletes(), n.name)
    print(n.add(Node("k")).name, [k.name for k in n.kids])
    print(n.depth(50))
    print(n.scope(1))
    print(list(n.gen()))
    print(n.with_default(1), n.with_default(1, 2))
    try:
        n.boom(1)
    except AttributeError as e:
        print("AttributeError:", e)
    # A method replaced on the instance, a static and a class method: none of them takes the receiver.
    n.me = lambda: "instance attribute"
    print(n.me())
    Node.st = staticmethod(lambda x: x * 2)
    Node.cm = classmethod(lambda cls, x: (cls.__name__, x))
    print(n.st(21), n.cm(1))
    # Built-in methods on locals.
    items = [3, 1, 2]
    items.append(0)
    items.sort()
    print(items, items.index(2))
    # Locals passed to module-level functions that read their parameters in place.
    kept = arg_kept(n, items)
    print(arg_borrowed(n), kept[0] is n, kept[1] is items, arg_kept(items, items)[1] is items)
    # The receiver dies when the last local lets go, not before and not never.
    m = Node("tmp")
    r = weakref.ref(m)
    print(m.me().name, r() is m, arg_borrowed(m), arg_kept(m, 1)[0] is m)
    del m
    gc.collect()
    print(r())


def arg_kept(x, y):
    return [x, y]


def arg_borrowed(obj):
    return obj.name


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.n = 0

    def bump(self, k):
        with self.lock:
            self.n += k
        return k


def threads():
    c = Counter()

    def work():
        local = c
        s = 0
        for i in range(2000):
            s += local.bump(1)
        return s

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("bumped", c.n)


main()
a = Node("x")
pair = arg_kept(a, Node("y"))
print([p.name for p in pair], pair[0] is a)
print(arg_borrowed(Node("temp")))
threads()
