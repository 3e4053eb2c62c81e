# OSError: errno/strerror/filename/filename2 attributes, str(), args, and the errno -> subclass mapping.
import errno

e = OSError(2, "No such file or directory", "x")
print(type(e).__name__, e, e.errno, e.strerror, e.filename, e.filename2, e.args)
print(repr(OSError(13, "Permission denied")), repr(OSError("plain")))
print(str(OSError("a")), str(OSError()), str(OSError(1, 2, 3, 4, 5)), OSError(1, 2, 3, 4, 5).args)
print(str(OSError(1, "x", None)), OSError(1, "x", None).args, OSError(1, "x", "f", None, "g").filename2)
print(OSError(1).errno, OSError(1, 2, 3, 4, 5, 6).errno, OSError("a", "b").errno)
for code in [errno.EAGAIN, errno.EALREADY, errno.EINPROGRESS, errno.ECHILD, errno.EPIPE, errno.ESHUTDOWN,
             errno.ECONNABORTED, errno.ECONNREFUSED, errno.ECONNRESET, errno.EEXIST, errno.ENOENT, errno.EISDIR,
             errno.ENOTDIR, errno.EINTR, errno.EACCES, errno.EPERM, errno.ESRCH, errno.ETIMEDOUT, errno.EINVAL]:
    print(code, type(OSError(code, "m")).__name__)
print(type(OSError(2)).__name__, type(OSError("2", "x")).__name__, type(FileExistsError(2, "x")).__name__)
print(IOError is OSError, EnvironmentError is OSError)


class MyErr(OSError):
    pass


class WithInit(OSError):
    def __init__(self, msg):
        super().__init__(errno.EBADF, msg)


m = MyErr(2, "gone", "f")
print(type(m).__name__, m.errno, m, m.args)
w = WithInit("custom")
print(type(w).__name__, w.errno, w.strerror, w, w.filename)
try:
    raise FileNotFoundError(errno.ENOENT, "nope", "f.txt")
except OSError as x:
    print(type(x).__name__, x, x.filename)
e.errno = 5
e.filename = "y"
print(e.errno, e)
raise PermissionError(13, "Permission denied", "/root/secret")
