# re.error messages and positions from CPython's parser, and misuse of the matcher API.
import re

for pat in ['(', 'a)', '[a', 'a**', '(?P<1>a)', '(?P<n>a)(?P<n>b)', r'\1', '(?<=a+)b', 'x{2,1}', '(?z)',
            r'\p', '(?P=missing)', '*a', 'a{1,2', 'a\n(b']:
    try:
        re.compile(pat)
        print('compiled', pat)
    except re.error as e:
        print(repr(pat), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)
try:
    re.compile('a', 'x')
except TypeError as e:
    print('TypeError', e)
p = re.compile('a')
try:
    p.match()
except TypeError as e:
    print('TypeError', e)
try:
    p.match('a', bogus=1)
except TypeError as e:
    print('TypeError', e)
try:
    p.match('a', 'x')
except TypeError as e:
    print('TypeError', e)
try:
    p.sub('b')
except TypeError as e:
    print('TypeError', e)
print(isinstance(p, re.Pattern), isinstance(p.match('a'), re.Match), re.Pattern, re.Match)
import copy
print(copy.copy(p) is p, copy.deepcopy(p) is p)
m = p.match('a')
print(copy.copy(m) is m)
print(re.Pattern[str], re.Match[bytes])
