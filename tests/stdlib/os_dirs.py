# os: directories and names (mkdir/makedirs, listdir, scandir, walk, rename/replace, links, chmod, utime).
import os
import stat

base = "/tmp/crabby_os_dirs_%d" % os.getpid()
os.mkdir(base)
print(os.path.isdir(base), os.path.exists(base), os.path.isfile(base))


def show(s):
    return s.replace(base, "BASE") if isinstance(s, str) else s.replace(base.encode(), b"BASE")


p = os.path.join(base, "a.txt")
fd = os.open(p, os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, b"hello")
os.close(fd)
os.makedirs(os.path.join(base, "d1", "d2"))
os.makedirs(os.path.join(base, "d1", "d2"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "d1", "d2"))
except FileExistsError as e:
    print("FileExistsError", show(str(e)))
print(sorted(os.listdir(base)))
print(sorted(os.listdir(base.encode())))
cwd = os.getcwd()
os.chdir(base)
print(sorted(os.listdir()), os.getcwd() == base, os.getcwdb() == base.encode())
with os.scandir() as it:
    print(sorted(e.path for e in it))
os.chdir(cwd)

os.symlink(p, os.path.join(base, "link"))
os.symlink(os.path.join(base, "nowhere"), os.path.join(base, "dangling"))
with os.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(e.name, show(e.path), e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False),
          e.is_file(follow_symlinks=False), repr(e), show(os.fspath(e)), e.inode() == os.lstat(e.path).st_ino)
print(entries[0].stat().st_size, entries[3].stat().st_size, entries[3].stat(follow_symlinks=False).st_size > 0)
it = os.scandir(base.encode())
e = next(it)
print(type(e.name).__name__, type(e.path).__name__)
it.close()
print(list(it))
print(type(entries[0]).__name__, type(entries[0]).__module__)

print(show(os.readlink(os.path.join(base, "link"))), os.path.islink(os.path.join(base, "link")))
print(show(os.readlink(os.path.join(base, "link").encode())))
print(stat.S_ISLNK(os.lstat(os.path.join(base, "link")).st_mode), stat.S_ISREG(os.stat(os.path.join(base, "link")).st_mode))
os.link(p, os.path.join(base, "hard"))
print(os.stat(p).st_nlink, os.path.samefile(p, os.path.join(base, "hard")))

os.rename(p, os.path.join(base, "b.txt"))
os.replace(os.path.join(base, "hard"), os.path.join(base, "b.txt"))
print(sorted(os.listdir(base)))
try:
    os.rename(os.path.join(base, "nope"), os.path.join(base, "nope2"))
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, show(str(e)), show(e.filename), show(e.filename2))
try:
    os.rmdir(os.path.join(base, "d1"))
except OSError as e:
    print(type(e).__name__, e.errno, show(str(e)))
try:
    os.listdir(os.path.join(base, "b.txt"))
except NotADirectoryError as e:
    print(type(e).__name__, show(str(e)))
try:
    os.unlink(os.path.join(base, "d1"))
except IsADirectoryError as e:
    print(type(e).__name__, show(str(e)))

for root, dirs, files in os.walk(base):
    dirs.sort()
    print(show(root), sorted(dirs), sorted(files))

q = os.path.join(base, "b.txt")
os.chmod(q, 0o600)
print(oct(os.stat(q).st_mode & 0o777), os.access(q, os.R_OK), os.access(q, os.X_OK), os.access(q + "z", os.F_OK))
os.chmod(q, 0o755)
print(oct(stat.S_IMODE(os.stat(q).st_mode)), os.access(q, os.X_OK), stat.filemode(os.stat(q).st_mode))
os.utime(q, (1000000000, 1000000000.5))
st = os.stat(q)
print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[7], st[8], len(st))
os.utime(q, ns=(5, 1500000000))
st = os.stat(q)
print(st.st_atime_ns, st.st_mtime_ns, st.st_mtime, os.path.getmtime(q), os.path.getsize(q))
print(type(st).__name__, type(st).__module__, st.st_size == st[6], st.st_mode == st[0])
old = os.umask(0o077)
os.mkdir(os.path.join(base, "private"))
print(oct(stat.S_IMODE(os.stat(os.path.join(base, "private")).st_mode)))
os.umask(old)

os.unlink(os.path.join(base, "link"))
os.unlink(os.path.join(base, "dangling"))
os.remove(q)
os.rmdir(os.path.join(base, "private"))
os.removedirs(os.path.join(base, "d1", "d2"))
print(os.path.exists(base))
