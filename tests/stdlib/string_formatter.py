# string.Formatter on the _string parser helpers, and the helpers themselves.
import string
import _string

f = string.Formatter()
print(f.format('{0} and {1}', 'a', 'b'), f.format('{x:>5}|{y!r}', x=3, y='q'))
print(f.format('{0[1]} {1.real} {k[key]}', [1, 2], 3j, k={'key': 'v'}))
print(f.format('{:{w}.{p}f}', 3.14159, w=8, p=2), f.vformat('{}{}', ('a', 'b'), {}))
print(f.format('{{literal}} {0}', 'x'))
print(list(f.parse('a{0!r:>3}b{{c}}{name.attr[0]}')))
print(list(_string.formatter_parser('x{}y{1:2}{z!s}')))
print(list(_string.formatter_parser('{{}}')), list(_string.formatter_parser('')))
first, rest = _string.formatter_field_name_split('obj.attr[0][key].x')
print(first, list(rest))
first, rest = _string.formatter_field_name_split('12')
print(repr(first), list(rest))
for bad in ('{', '}', 'a{0', '{0!}', '{0!rr}'):
    try:
        print(list(_string.formatter_parser(bad)))
    except ValueError as e:
        print('ValueError', e)
for bad in ('a.', 'a[', 'a[0]x', 'a[]'):
    try:
        print(list(_string.formatter_field_name_split(bad)[1]))
    except ValueError as e:
        print('ValueError', e)

class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
    def get_value(self, key, args, kwargs):
        if key == 'magic':
            return 'abracadabra'
        return super().get_value(key, args, kwargs)
print(Upper().format('{0} {magic} {n:x}', 'hi', n=255))
try:
    f.format('{0}')
except IndexError as e:
    print('IndexError', e)
try:
    f.format('{} {0}', 1)
except ValueError as e:
    print('ValueError', e)
