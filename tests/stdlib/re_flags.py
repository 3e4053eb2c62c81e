# Flags: IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII, inline flags; Pattern repr and equality.
import re

print(re.findall(r'^\w+', 'one\ntwo\nthree', re.M))
print(re.findall(r'\w+$', 'one\ntwo\nthree', re.MULTILINE))
print(re.match('a.c', 'a\nc'), re.match('a.c', 'a\nc', re.S).group())
print(re.findall('(?i)ab', 'AB ab aB Ab'))
print(re.match('straße', 'STRASSE', re.I), re.match('ǅ', 'ǆ', re.I))
print(re.match(r'\w+', 'héllo').group(), re.match(r'\w+', 'héllo', re.A).group())
print(re.findall(r'\d', '١٢3'), re.findall(r'\d', '١٢3', re.ASCII))
p = re.compile(r'''
    (\d+)   # the number
    \s*     # spaces
    ([a-z]+) # the unit
''', re.VERBOSE)
print(p.match('42 kg').groups())
print(re.compile('abc'), re.compile('abc', re.I | re.M), re.compile(b'abc'), re.compile(b'x', re.I))
print(re.compile('x', re.A | re.S | re.X), re.compile('(?i)x'))
print(re.compile('a' * 300))
print(re.compile('ab') == re.compile('ab'), re.compile('ab') == re.compile('ab', re.I), re.compile('ab') != re.compile('ac'))
print(hash(re.compile('ab')) == hash(re.compile('ab')))
print(re.compile('ab').flags, re.compile('ab', re.I).flags, re.compile(b'ab').flags)
print(re.I, re.IGNORECASE | re.MULTILINE, int(re.DOTALL))
print(re.match('(?x) a b c', 'abc').group(), re.match('(?s:.)b', '\nb').group())
print(re.match('(?i:A)b', 'ab'), re.match('(?i:A)b', 'aB'))
