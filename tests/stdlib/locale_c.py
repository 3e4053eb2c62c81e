# _locale / locale: the C locale (the only one crabby supports), its conventions and encoding.
import _locale
import locale

print(locale.setlocale(locale.LC_NUMERIC), locale.setlocale(locale.LC_NUMERIC, "C"), locale.setlocale(locale.LC_NUMERIC))
conv = locale.localeconv()
print(conv["decimal_point"], repr(conv["thousands_sep"]), conv["grouping"], conv["frac_digits"])
print(_locale.nl_langinfo(_locale.CODESET), locale.getencoding(), locale.getpreferredencoding(False))
print(_locale.nl_langinfo(_locale.RADIXCHAR), _locale.nl_langinfo(_locale.D_FMT), _locale.nl_langinfo(_locale.DAY_1))
print(_locale.LC_ALL, _locale.CHAR_MAX, locale.CODESET == _locale.CODESET)
try:
    locale.setlocale(locale.LC_ALL, "xx_YY.NOPE")
except locale.Error as e:
    print(type(e).__name__, e, issubclass(locale.Error, Exception))
print(locale.strcoll("a", "b"), locale.strxfrm("abc"), sorted(["b", "A", "a"], key=locale.strxfrm))
print(locale.format_string("%d items", 1234, grouping=True), locale.str(3.5), locale.atof("2.5"))
