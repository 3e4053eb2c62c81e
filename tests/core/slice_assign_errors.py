# Assigning to list slices: what is checked first and each message, with literal bounds (compiled without a
# slice object), with a slice object, and with variable bounds.
def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


a = [1, 2, 3, 4, 5]
s = slice(None, None, 2)
z = 0


def lit_ext():
    a[::2] = 5


def obj_ext():
    a[s] = 5


def lit_plain():
    a[1:2] = 5


def zero_step():
    a[::z] = 5


def zero_step_obj():
    a[slice(0, 2, 0)] = [1]


def wrong_size():
    a[::2] = [1, 2]


def self_assign():
    a[1:3] = a


attempt("literal extended slice, not iterable", lit_ext)
attempt("slice object, not iterable", obj_ext)
attempt("plain slice, not iterable", lit_plain)
attempt("zero step and not iterable", zero_step)
attempt("zero step slice object", zero_step_obj)
attempt("extended slice, wrong size", wrong_size)
attempt("list assigned into itself", self_assign)
print(a)
b = list(range(10))
b[::3] = (7, 8, 9, 10)
b[2:5] = iter("xy")
print(b)
