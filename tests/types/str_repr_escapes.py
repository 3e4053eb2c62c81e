# repr() of strings: quote selection and escaping.
samples = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "new\nline", "cr\r",
           "back\\slash", "\x00\x01\x1f\x7f", "é", "\u200b", "\U0001F600", "\x80\xff", "\ud800",
           "bell\a", "\x0b\x0c", "", "'", '"', "\\n"]
for s in samples:
    print(repr(s), ascii(s), len(s))
print(str("x"), repr(repr("x")), [repr("a")], ["a", 'b"', "c'"])
print(("tuple", "of", "str"), {"key": "val"})
