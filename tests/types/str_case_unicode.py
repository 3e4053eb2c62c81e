# Case conversion and predicates on non-ASCII strings (Unicode database behaviour).
for s in ["ÉCOLE", "école", "straße", "ǅungla", "ﬁne", "İstanbul", "ΣΑΣ", "αβγ", "Ωmega",
          "٣", "½", "²", "日本", "e\u0301", "\u00a0", "\u2028", "ⅷ"]:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()),
          repr(s.swapcase()), repr(s.casefold()), len(s.upper()))
    print("  ", s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(),
          s.istitle(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isascii(), s.isprintable())
