# Encodings of text files: utf-8, utf-8-sig, latin-1, ascii, utf-16, cp1252 and the error handlers.
P = "/tmp/crabby_io_encodings.txt"
text = "Gr\u00fc\u00dfe \u00e9t\u00e9\n"

for enc in ["utf-8", "utf-8-sig", "latin-1", "utf-16", "utf-16-le", "utf-32", "cp1252"]:
    with open(P, "w", encoding=enc) as f:
        f.write(text)
        f.write("line 2\n")
    with open(P, "rb") as f:
        raw = f.read()
    with open(P, encoding=enc) as f:
        back = f.read()
    print(enc, len(raw), raw[:8], back == text + "line 2\n")

with open(P, "w", encoding="ascii", errors="replace") as f:
    f.write(text)
print(open(P, "rb").read())
with open(P, "w", encoding="ascii", errors="backslashreplace") as f:
    f.write(text)
print(open(P, "rb").read())
try:
    with open(P, "w", encoding="ascii") as f:
        f.write(text)
except UnicodeEncodeError as e:
    print(type(e).__name__, e.start, e.end, e.reason)

with open(P, "wb") as f:
    f.write(b"ok \xff\xfe bad\n")
print(repr(open(P, encoding="utf-8", errors="replace").read()))
print(repr(open(P, encoding="utf-8", errors="ignore").read()))
print(repr(open(P, encoding="latin-1").read()))
try:
    open(P, encoding="utf-8").read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e.start, e.end, e.reason)
try:
    open(P, encoding="no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)

# A multi-byte character split across the 8192-byte chunk boundary.
with open(P, "w", encoding="utf-8") as f:
    f.write("x" * 8191 + "\u20ac" * 3 + "\n")
with open(P, encoding="utf-8") as f:
    s = f.read()
print(len(s), s[-4:])
with open(P, encoding="utf-8") as f:
    print(f.read(8191) == "x" * 8191, f.read(1), f.tell(), f.read(), f.tell())
