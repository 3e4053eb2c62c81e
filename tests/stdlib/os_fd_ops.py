# os: file descriptors (open/read/write/lseek/pipe/dup/flags) and fstat on them.
import os

base = "/tmp/crabby_os_fd_ops_%d" % os.getpid()
os.mkdir(base)
p = os.path.join(base, "a.bin")

fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd))
print(os.write(fd, b"hello world\n"), os.write(fd, bytearray(b"more")), os.write(fd, memoryview(b"!")))
os.fsync(fd)
print(os.fstat(fd).st_size)
os.ftruncate(fd, 5)
print(os.fstat(fd).st_size)
os.close(fd)

fd = os.open(p, os.O_RDWR)
print(os.read(fd, 3), os.lseek(fd, 0, os.SEEK_CUR), os.read(fd, 100), os.read(fd, 10))
print(os.lseek(fd, 1, os.SEEK_SET), os.read(fd, 2), os.lseek(fd, -1, os.SEEK_END), os.read(fd, 5))
os.set_inheritable(fd, True)
print(os.get_inheritable(fd))
os.set_blocking(fd, False)
print(os.get_blocking(fd))
fd2 = os.dup(fd)
print(fd2 != fd, os.get_inheritable(fd2))
os.lseek(fd2, 0, os.SEEK_SET)
print(os.read(fd2, 5))
fd3 = os.dup2(fd, fd2 + 10)
print(fd3 == fd2 + 10, os.get_inheritable(fd3), os.get_inheritable(os.dup2(fd, fd2 + 11, inheritable=False)))
os.closerange(fd2 + 10, fd2 + 12)
os.close(fd2)
os.close(fd)
print(os.isatty(fd), os.device_encoding(fd))
os.truncate(p, 2)
print(os.stat(p).st_size)

r, w = os.pipe()
print(os.get_inheritable(r), os.get_inheritable(w))
print(os.write(w, b"xyz"))
os.close(w)
print(os.read(r, 10), os.read(r, 10))
os.close(r)

for bad in [lambda: os.close(fd), lambda: os.read(fd, 1), lambda: os.fstat(fd), lambda: os.lseek(fd, 0, 0)]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, e.errno, e, e.filename)
try:
    os.write(1, "text")
except TypeError as e:
    print("TypeError", e)
try:
    os.read("x", 1)
except TypeError as e:
    print("TypeError", e)
try:
    os.open(p + "\0x", os.O_RDONLY)
except ValueError as e:
    print("ValueError", e)
try:
    os.open(os.path.join(base, "missing"), os.O_RDONLY)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename == os.path.join(base, "missing"))

dfd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
fd = os.open("rel.txt", os.O_WRONLY | os.O_CREAT, dir_fd=dfd)
os.write(fd, b"rel")
os.close(fd)
print(os.stat("rel.txt", dir_fd=dfd).st_size, sorted(os.listdir(dfd)))
os.unlink("rel.txt", dir_fd=dfd)
os.close(dfd)

os.unlink(p)
os.rmdir(base)
print(os.path.exists(base))
