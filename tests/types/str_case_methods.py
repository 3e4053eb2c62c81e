# Case conversion and predicate string methods.
for s in ["hello", "HELLO", "Hello World", "hello world", "123", "12a", "", " ", "\t\n", "abc123",
          "ÉCOLE", "straße", "Title Case Here", "mIxEd", "٣", "½", "x_y", "αβγ"]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
    print("  ", s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(),
          s.istitle(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isascii(), s.isprintable())
