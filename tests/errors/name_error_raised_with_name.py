# A NameError raised by hand with a name gets a suggestion from the built-ins too.
try:
    raise NameError("custom", name="prnt")
except NameError as e:
    print(e.name, e.args)
raise NameError("custom", name="prnt")
