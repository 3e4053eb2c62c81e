# strip/lstrip/rstrip with and without chars, removeprefix/suffix, padding methods.
s = "  \t padded \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcHELLOcba".strip("abc"), "www.example.com".lstrip("w."), "file.txt...".rstrip("."))
print("prefix_body".removeprefix("prefix_"), "body.py".removesuffix(".py"), "same".removeprefix("x"))
print(repr("ab".center(7)), repr("ab".center(7, "*")), repr("abc".center(6, "-")), repr("abcdef".center(3)))
print(repr("ab".ljust(5)), repr("ab".rjust(5, "0")), repr("-42".zfill(6)), repr("+7".zfill(4)), repr("abc".zfill(2)))
print(repr("a\tb\tc".expandtabs()), repr("a\tbb\tccc".expandtabs(4)))
print(repr("".strip()), repr("   ".strip()), repr("abc".strip("")))
