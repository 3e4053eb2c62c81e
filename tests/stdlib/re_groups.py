# Match objects: groups by number and name, spans, lastindex/lastgroup, defaults for unmatched groups.
import re

m = re.match(r'(?P<year>\d{4})-(?P<month>\d\d)(-(?P<day>\d\d))?', '2024-05 rest')
print(m)
print(m.group(), m.group(0), m.group(1), m.group('month'), m.group(1, 'month', 4))
print(m.groups(), m.groups('missing'))
print(m.groupdict(), m.groupdict(0))
print(m.span(), m.span(1), m.span('day'), m.start(2), m.end(2), m.start(4), m.end('day'))
print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re.pattern)
print(m.regs)
print(m[0], m[1], m['year'], m[3])
print(bool(m))

m = re.search(r'(a)(b)?(c)', 'xxacyy')
print(m.groups(), m.lastindex, m.lastgroup, m.regs)
m = re.match(r'(?:(a)|(b))+', 'abab')
print(m.groups(), m.lastindex)
m = re.match(r'(?P<w>\w+)\s(?P<x>\w+)', 'hello world')
print(m.lastgroup, m.expand(r'\g<x> \g<w> \2-\1'))

p = re.compile(r'(?P<a>x)(y)(?P<c>z)?')
print(p.groups, p.groupindex, sorted(p.groupindex.items()))
try:
    p.groupindex['a'] = 5
except TypeError as e:
    print('TypeError', e)

for bad in (5, 'nope', -1):
    try:
        re.match('(a)', 'a').group(bad)
    except IndexError as e:
        print('IndexError', e)
print(re.match('(a)', 'a').group(True))

# pos and endpos
p = re.compile(r'\w+')
m = p.search('  hello world', 3, 9)
print(m, m.pos, m.endpos)
print(p.match('hello', 10), p.match('hello', -5), p.search('abc', 1, 100).span())
print(p.fullmatch('hello', 0, 3), p.fullmatch('hello', 1, 3).group())
