# os.path: joining, splitting, normalising and querying paths, and files on disk.
import os
import os.path
import tempfile

print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "/y"), os.path.split("/a/b/c"), os.path.splitext("f.tar.gz"))
print(os.path.basename("/a/b/"), os.path.dirname("/a/b/c"), os.path.normpath("a//b/../c/./d"), os.path.isabs("/a"))
print(os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.commonpath(["/usr/lib", "/usr/local"]))
print(os.path.relpath("/a/b/c", "/a/d"), os.path.expanduser("~") == os.environ.get("HOME"), os.path.splitdrive("/x/y"))
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "f.txt")
    with open(p, "w") as f:
        f.write("hello\n")
    print(os.path.exists(p), os.path.isfile(p), os.path.isdir(d), os.path.getsize(p), os.path.exists(p + "x"))
    print(os.path.abspath(p) == p, os.path.realpath(d) == os.path.realpath(os.path.dirname(p)), sorted(os.listdir(d)))
    with open(p) as f:
        print(repr(f.read()))
