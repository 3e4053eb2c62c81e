# time: strftime (glibc's C-locale directives and flags), asctime and ctime, on fixed times.
import time

g = time.gmtime(1700000000)
print(time.strftime("%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %p %P %r %R %S %T %u %U %V %w %W %x %X %y %Y %z %Z %%", g))
print(repr(time.strftime("%n|%t|%", g)), time.strftime("", g), time.strftime("plain text", g))
for d in [0, 3, 4, 10, 364, 365, 366, 1096, 18262, 19358, 19723, -1, -366]:
    print(d, time.strftime("%Y-%m-%d %a %U %W %V %G %g %u %w %j", time.gmtime(d * 86400)))
for h in [0, 1, 11, 12, 13, 23]:
    print(h, time.strftime("%H %I %k %l %p %P %r", (2020, 6, 15, h, 5, 9, 0, 167, 0)))
print(time.strftime("%-d|%_d|%0e|%^a|%#b|%10Y|%-j|%5d|%_5H|%^B|%#p|%#Z", (2000, 1, 2, 3, 4, 5, 6, 2, 0)))
print(time.strftime("%Q %E %O %5 %Ey %Od", (2000, 1, 2, 3, 4, 5, 6, 2, 0)))
print(time.strftime("%Y|%y|%C|%G|%g", (5, 1, 1, 0, 0, 0, 0, 1, 0)), time.strftime("%Y|%C", (12345, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime("%m %d %j", (2000, 0, 0, 0, 0, 0, 0, 0, 0)), time.strftime("%z|%Z|", (2000, 1, 1, 0, 0, 0, 0, 1, -1)))
print(time.strftime("%Y-%m-%d %H:%M:%S", (2024, 2, 29, 13, 5, 61, 3, 60, 0)))
s = time.struct_time((2000, 1, 1, 12, 30, 0, 5, 1, 0, "ABC", -12600))
print(time.strftime("%Z %z", s))
print(time.asctime(g), time.asctime((2000, 1, 1, 0, 0, 0, 5, 1, 0)), time.asctime((10000, 12, 31, 23, 59, 60, 6, 366, 0)))
print(time.asctime((2000, 0, 0, 0, 0, 0, -1, 0, 0)), time.asctime((2000, 1, 1, 0, 0, 0, 9, 1, 0)))
print(time.ctime(0) == time.asctime(time.localtime(0)), time.ctime(1e9) == time.asctime(time.localtime(1e9)), len(time.ctime()))
for tup in [(2000, 13, 1, 0, 0, 0, 0, 1, 0), (2000, 1, 32, 0, 0, 0, 0, 1, 0), (2000, 1, 1, 24, 0, 0, 0, 1, 0), (2000, 1, 1, 0, 60, 0, 0, 1, 0),
            (2000, 1, 1, 0, 0, 62, 0, 1, 0), (2000, 1, 1, 0, 0, 0, -2, 1, 0), (2000, 1, 1, 0, 0, 0, 0, 367, 0), (2000, 1, 1, 0, 0, 0, 0, -5, 0)]:
    for f in (time.asctime, lambda t: time.strftime("%c", t)):
        try:
            print(f(tup))
        except ValueError as e:
            print("ValueError", e)
