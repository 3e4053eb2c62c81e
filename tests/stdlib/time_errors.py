# time: argument errors and messages.
import time


def show(label, f):
    try:
        r = f()
        print(label, "->", r if isinstance(r, str) else repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


show("gmtime('a')", lambda: time.gmtime("a"))
show("gmtime(nan)", lambda: time.gmtime(float("nan")))
show("gmtime(1e30)", lambda: time.gmtime(1e30))
show("gmtime(2**70)", lambda: time.gmtime(2 ** 70))
show("gmtime(1, 2)", lambda: time.gmtime(1, 2))
show("localtime(inf)", lambda: time.localtime(float("inf")))
show("ctime('x')", lambda: time.ctime("x"))
show("sleep(-1)", lambda: time.sleep(-1))
show("sleep('a')", lambda: time.sleep("a"))
show("sleep(nan)", lambda: time.sleep(float("nan")))
show("sleep()", lambda: time.sleep())
show("sleep(1, 2)", lambda: time.sleep(1, 2))
show("time(1)", lambda: time.time(1))
show("mktime(1)", lambda: time.mktime(1))
show("mktime((1, 2))", lambda: time.mktime((1, 2)))
show("mktime(('a',) * 9)", lambda: time.mktime(("a",) * 9))
show("mktime 10-tuple", lambda: time.mktime((1970, 1, 2, 0, 0, 0, 0, 0, 0, 5)))
show("mktime(2**40 year)", lambda: time.mktime((2 ** 40, 1, 1, 0, 0, 0, 0, 1, 0)))
show("asctime((1,))", lambda: time.asctime((1,)))
show("asctime([...])", lambda: time.asctime([2000, 1, 1, 0, 0, 0, 0, 1, 0]))
show("strftime(1)", lambda: time.strftime(1))
show("strftime('%Y', 5)", lambda: time.strftime("%Y", 5))
show("strftime()", lambda: time.strftime())
show("strftime('', (1,))", lambda: time.strftime("", (1,)))
show("struct_time()", lambda: time.struct_time())
show("clock_gettime('a')", lambda: time.clock_gettime("a"))
show("get_clock_info(1)", lambda: time.get_clock_info(1))
show("names", lambda: sorted(n for n in dir(time) if not n.startswith("_") and n != "pthread_getcpuclockid"))
