# The string module: constants, capwords and Template substitution (which uses re).
import string

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords('hello   wORLD  again'), string.capwords('a-b-c', '-'))
t = string.Template('$who likes ${what}; $$5')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'ann'}, what='tea'))
print(t.safe_substitute(who='x'))
print(t.get_identifiers(), t.is_valid())
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)
try:
    string.Template('$').substitute()
except ValueError as e:
    print('ValueError', e)

class Percent(string.Template):
    delimiter = '%'
print(Percent('%x and %{y}').substitute(x=1, y=2))
