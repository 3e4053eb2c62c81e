# os: process and system information, wait statuses, fspath, strerror, urandom.
import os

print(os.name, os.sep, os.curdir, os.pardir, os.extsep, os.altsep, os.pathsep, os.linesep == "\n", os.devnull)
print(type(os.getpid()).__name__, os.getpid() > 0, os.getppid() > 0, os.getpid() != os.getppid())
print(os.getuid() >= 0, os.geteuid() >= 0, os.getgid() >= 0, os.getegid() >= 0, isinstance(os.getgroups(), list))
print(isinstance(os.cpu_count(), int), len(os.urandom(16)), type(os.urandom(0)).__name__)
u = os.uname()
print(type(u).__name__, u.sysname, u[0] == u.sysname, len(u), type(u.release).__name__)
t = os.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t), t.user >= 0)
print(os.WIFEXITED(0), os.WEXITSTATUS(256), os.WIFSIGNALED(9), os.WTERMSIG(9), os.WIFSTOPPED(0x137f))
print(os.waitstatus_to_exitcode(256), os.waitstatus_to_exitcode(9), os.WCOREDUMP(0x80 | 6))
try:
    os.waitstatus_to_exitcode(0x137f)
except ValueError as e:
    print("ValueError", e)
print(os.fspath("a"), os.fspath(b"b"), os.fsencode("x"), os.fsdecode(b"y"), os.fsencode(b"z"))


class P:
    def __fspath__(self):
        return "/some/where"


class Bad:
    def __fspath__(self):
        return 3


print(os.fspath(P()), os.path.join(P(), "x"), os.path.basename(P()))
for v in [3, Bad(), None]:
    try:
        os.fspath(v)
    except TypeError as e:
        print("TypeError", e)
for v in [[1], 1.5]:
    try:
        os.stat(v)
    except TypeError as e:
        print("TypeError", e)
try:
    os.mkdir(3)
except TypeError as e:
    print("TypeError", e)
print(os.strerror(2), os.strerror(13), os.strerror(0))
print(os.sysconf("SC_PAGESIZE") > 0, os.sysconf_names["SC_CLK_TCK"] > 0, isinstance(os.confstr("CS_PATH"), str))
try:
    os.sysconf("SC_NOPE")
except ValueError as e:
    print("ValueError", e)
print(os.error is OSError, callable(os.register_at_fork))
print(os.stat in os.supports_fd, os.stat in os.supports_dir_fd, os.stat in os.supports_follow_symlinks)
print(os.open in os.supports_dir_fd, os.scandir in os.supports_fd, os.listdir in os.supports_fd)
print(os.get_terminal_size.__name__, os.terminal_size((80, 24)), os.terminal_size((80, 24)).columns)
try:
    os.kill(os.getpid(), 0)
    print("kill 0 ok")
    os.kill(2**22 + 12345, 0)
except ProcessLookupError as e:
    print("ProcessLookupError", e)
