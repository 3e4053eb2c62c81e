# Case conversion and predicate string methods on ASCII strings.
for s in ["hello", "HELLO", "Hello World", "hello world", "123", "12a", "", " ", "\t\n", "abc123",
          "Title Case Here", "mIxEd", "x_y", "_private", "3rd place", "it's", "a-b c.d"]:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()),
          repr(s.swapcase()), repr(s.casefold()))
    print("  ", s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(),
          s.istitle(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isascii(), s.isprintable())
