# An uncaught SyntaxError from exec: CPython prints the <string> location, the text and the carets.
print("start")
exec("x = (1 +\n")
