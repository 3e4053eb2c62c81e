# errno: the constants and errorcode.
import errno

print(errno.ENOENT, errno.EEXIST, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR, errno.EPIPE, errno.ENOTSUP)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[35], errno.errorcode[95])
print(len(errno.errorcode), len([n for n in dir(errno) if n.startswith("E")]))
print(sorted(errno.errorcode.items())[:8])
print(list(errno.errorcode)[:8])
print(all(getattr(errno, name) == code for code, name in errno.errorcode.items()))
print(type(errno.errorcode).__name__, errno.__name__)
