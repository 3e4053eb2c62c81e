# open() failures raise the OSError subclass for the errno, with errno, strerror, filename and CPython's str().
P = "/tmp/crabby_io_open_oserror.txt"
open(P, "w").close()

def t(f):
    try:
        f()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
        print(e)

t(lambda: open("/nonexistent_crabby/x"))
t(lambda: open("/tmp"))
t(lambda: open("/tmp", "w"))
t(lambda: open(P, "x"))
t(lambda: open("/nonexistent_crabby", "r", buffering=0))
