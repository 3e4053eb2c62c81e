# A bytearray with a live memoryview cannot change size; it can change contents.


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except BufferError as e:
        print(label, "BufferError:", e)


b = bytearray(b"abcdef")
m = memoryview(b)
attempt("append", lambda: b.append(1))
attempt("extend", lambda: b.extend(b"xy"))
attempt("extend empty", lambda: b.extend(b""))
attempt("insert", lambda: b.insert(0, 1))
attempt("pop", lambda: b.pop())
attempt("remove", lambda: b.remove(97))
attempt("clear", lambda: b.clear())
attempt("grow slice", lambda: b.__setitem__(slice(0, 1), b"xyz"))
attempt("same-size slice", lambda: b.__setitem__(slice(0, 1), b"q"))
attempt("item", lambda: b.__setitem__(1, 66))
attempt("del item", lambda: b.__delitem__(0))
attempt("del slice", lambda: b.__delitem__(slice(0, 2)))
attempt("del empty slice", lambda: b.__delitem__(slice(2, 2)))
attempt("reverse", lambda: b.reverse())


def iadd():
    global b
    b += b"!"


def imul():
    global b
    b *= 2


attempt("+=", iadd)
attempt("*=", imul)
attempt("__init__", lambda: b.__init__(b"new"))
print(b, m.tobytes())
s = m[1:3]
m.release()
attempt("append after release (slice alive)", lambda: b.append(33))
s.release()
attempt("append after releasing all", lambda: b.append(33))
print(b)
with memoryview(b) as v:
    attempt("append inside with", lambda: b.append(63))
attempt("append after with", lambda: b.append(63))
v2 = memoryview(b)
del v2
attempt("append after del", lambda: b.append(46))
print(b)
