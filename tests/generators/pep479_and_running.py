# PEP 479 and misuse: StopIteration inside a generator, re-entrant resumption.
def leaky():
    yield 1
    raise StopIteration("oops")

try:
    list(leaky())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))

def leaky_next():
    it = iter([])
    yield next(it)
try:
    list(leaky_next())
except RuntimeError as e:
    print("RuntimeError:", e)

def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

def running_flag():
    yield gr.gi_running
gr = running_flag()
print(gr.gi_running, next(gr), gr.gi_running)

def genexp_scope():
    x = 10
    g = (x + i for i in range(3))
    x = 20
    return list(g)
print(genexp_scope())
try:
    (1 / 0 for _ in range(1))
    print("genexp is lazy")
    list(1 / i for i in range(1))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError:", e)
