# stat: the mode tests, constants and filemode() (native _stat under CPython's stat.py).
import stat

modes = [0o100644, 0o040755, 0o120777, 0o020666, 0o060660, 0o010644, 0o140755, 0o104755, 0o41777, 0o12345, 0o2070]
for m in modes:
    print(oct(m), stat.filemode(m), stat.S_ISREG(m), stat.S_ISDIR(m), stat.S_ISLNK(m), stat.S_ISCHR(m),
          stat.S_ISBLK(m), stat.S_ISFIFO(m), stat.S_ISSOCK(m), oct(stat.S_IMODE(m)), oct(stat.S_IFMT(m)))
print(stat.S_ISDOOR(0o100644), stat.S_ISPORT(0), stat.S_ISWHT(0), stat.S_IFDOOR, stat.S_IFPORT, stat.S_IFWHT)
print(stat.S_IFDIR, stat.S_IFREG, stat.S_IFLNK, stat.S_IRWXU, stat.S_IRUSR, stat.S_ISUID, stat.S_ISVTX)
print(stat.ST_MODE, stat.ST_SIZE, stat.ST_MTIME, stat.UF_HIDDEN, stat.SF_SNAPSHOT, stat.FILE_ATTRIBUTE_HIDDEN)
print(type(stat.S_ISDIR).__name__, type(stat.filemode).__name__)
for bad in [-1, 1.5, 2**40, "x"]:
    try:
        stat.S_ISDIR(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
