# _sre directly: Pattern/Match/Scanner over code words that CPython 3.12's re compiler produced (so this
# runs without the re package and its enum dependency).
import _sre

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(65), _sre.ascii_iscased(49), _sre.unicode_iscased(0xe9), _sre.ascii_tolower(65), _sre.unicode_tolower(0xc9))
P = {}
P[0] = _sre.compile('(\\w+) (\\w+)', 32, [14, 4, 0, 3, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16, 32, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 1], 2, {}, (None, None, None))
P[1] = _sre.compile('(?P<first>\\d+)-(?P<second>\\d+)', 32, [14, 4, 0, 3, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 17, 1, 16, 45, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 17, 3, 1], 2, {'first': 1, 'second': 2}, (None, 'first', 'second'))
P[2] = _sre.compile('\\d+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 1], 0, {}, (None,))
P[3] = _sre.compile('(\\w)(\\d)', 32, [14, 7, 4, 2, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 17, 2, 13, 4, 8, 10, 0, 17, 3, 1], 2, {}, (None, None, None))
P[4] = _sre.compile('a*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 97, 1, 1], 0, {}, (None,))
P[5] = _sre.compile('(?i)straße|é', 34, [14, 4, 0, 1, 6, 7, 20, 39, 6, 16, 115, 16, 383, 0, 40, 116, 40, 114, 40, 97, 40, 223, 40, 101, 15, 7, 5, 40, 233, 15, 2, 0, 1], 0, {}, (None,))
P[6] = _sre.compile('\\w+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,))
P[7] = _sre.compile('(?<=ab)c', 32, [14, 4, 0, 1, 1, 4, 7, 2, 16, 97, 16, 98, 1, 16, 99, 1], 0, {}, (None,))
P[8] = _sre.compile('(?<!a)b', 32, [14, 4, 0, 1, 1, 5, 5, 1, 16, 97, 1, 16, 98, 1], 0, {}, (None,))
P[9] = _sre.compile('[,;]\\s*', 32, [14, 9, 4, 1, 4294967295, 16, 44, 16, 59, 0, 13, 6, 16, 44, 16, 59, 0, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 1], 0, {}, (None,))
P[10] = _sre.compile('(,)', 32, [14, 8, 1, 1, 1, 1, 0, 44, 0, 17, 0, 16, 44, 17, 1, 1], 1, {}, (None, None))
P[11] = _sre.compile('^\\w+', 40, [14, 4, 0, 1, 4294967295, 6, 1, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,))
P[12] = _sre.compile('a.c', 48, [14, 8, 1, 3, 3, 1, 1, 97, 0, 16, 97, 3, 16, 99, 1], 0, {}, (None,))
P[13] = _sre.compile('(a)(b)?', 32, [14, 8, 1, 1, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 23, 9, 0, 1, 17, 2, 16, 98, 17, 3, 18, 1], 2, {}, (None, None, None))
P[14] = _sre.compile('(\\w)\\1', 32, [14, 7, 4, 2, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 11, 0, 1], 1, {}, (None, None))
P[15] = _sre.compile('(?>a+)b', 32, [14, 4, 0, 2, 4294967295, 27, 9, 24, 6, 1, 4294967295, 16, 97, 1, 1, 16, 98, 1], 0, {}, (None,))
P[16] = _sre.compile('<.*?>', 32, [14, 8, 1, 2, 4294967295, 1, 1, 60, 0, 16, 60, 26, 5, 0, 4294967295, 2, 1, 16, 62, 1], 0, {}, (None,))
P[17] = _sre.compile('\\bfoo\\b', 32, [14, 4, 0, 3, 3, 6, 10, 16, 102, 16, 111, 16, 111, 6, 10, 1], 0, {}, (None,))
P[18] = _sre.compile(b'(\\d+)', 0, [14, 4, 0, 1, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 0, 0, 1, 17, 1, 1], 1, {}, (None, None))
P[19] = _sre.compile(b'[a-z]+', 0, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 13, 5, 22, 97, 122, 0, 1, 1], 0, {}, (None,))
P[20] = _sre.compile('[à-ÿ]+', 32, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 13, 5, 22, 224, 255, 0, 1, 1], 0, {}, (None,))
P[21] = _sre.compile('(日+)(本)', 32, [14, 4, 0, 2, 4294967295, 17, 0, 24, 6, 1, 4294967295, 16, 26085, 1, 17, 1, 17, 2, 16, 26412, 17, 3, 1], 2, {}, (None, None, None))
P[22] = _sre.compile('', 32, [14, 4, 0, 0, 0, 1], 0, {}, (None,))
P[23] = _sre.compile('x*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,))
P[24] = _sre.compile('(a)|(b)', 32, [14, 4, 0, 1, 1, 7, 9, 17, 0, 16, 97, 17, 1, 15, 11, 9, 17, 2, 16, 98, 17, 3, 15, 2, 0, 1], 2, {}, (None, None, None))
def show(*a):
    print(*a)

m = P[0].match('hello world extra')
show(m, m.groups(), m.group(0), m.group(1, 2), m.span(2), m.regs, m.lastindex, m.lastgroup, m.pos, m.endpos)
m = P[1].search('tel: 123-456 ok')
show(m, m['first'], m.group('second'), m.groupdict(), m.span('second'), m.start(), m.end(), m.lastgroup, m.string, m.re is P[1])
show(P[1].groupindex, P[1].groups, P[1].pattern, P[1].flags, P[1])
show(P[2].findall('a1b22c333'), P[3].findall('a1b2c3'), P[4].findall('baaac'), [x.span() for x in P[4].finditer('baaac')])
show(P[5].match('STRASSE'), P[5].search('xÉ'), P[6].findall('héllo wörld ünïcode'))
show(P[7].search('xabc'), P[8].search('abcb'), P[9].split('a, b;c,  d'), P[10].split('a,b,c'), P[10].split('a,b,c', 1))
show(P[11].findall('one\ntwo'), P[12].match('a\nc'), P[13].match('a').groups(), P[13].match('a').groups('X'))
show(P[14].search('abccd'), P[15].match('aaab'), P[16].findall('<a><b>'), P[17].findall('foo foobar foo.'))
show(P[18].match(b'42abc'), P[18].match(b'42abc').group(1), P[19].findall(bytearray(b'ab 12 cd')), P[19].sub(b'_', b'ab 12'))
show(P[20].findall('çà et là'), P[21].search('x日日本y'), P[21].search('x日日本y').span(1))
show(P[22].findall('ab'), P[23].sub('-', 'abxd'), P[22].sub('-', 'abc'), P[22].split('abc'))
show(P[2].sub(lambda m: str(int(m.group()) * 2), 'a1 b22'), P[2].subn('#', 'a1b2c3'), P[2].subn('#', 'a1b2c3', 2))
show(P[2].sub('', 'a1b2', count=1), P[2].fullmatch('123'), P[2].fullmatch('123a'), P[2].match('x12', 1), P[2].search('12345', 1, 3))
s = P[6].scanner('ab cd')
show(s.search(), s.search(), s.search(), s.pattern is P[6])
s = P[24].scanner('abx')
show(s.match(), s.match(), s.match())
show(P[24].match('b').groups(), P[24].match('b').lastindex)
s = 'ü' * 200 + 'abc' + 'ü' * 100
show(P[6].search(s).span(), len(P[6].findall(s)), P[6].sub('-', s) == '-')
for bad in (5, 'nope', -1):
    try:
        P[0].match('a b').group(bad)
    except IndexError as e:
        show('IndexError', e)
for pat, subj in ((P[2], b'1'), (P[18], '1'), (P[2], 5)):
    try:
        pat.match(subj)
    except TypeError as e:
        show('TypeError', e)
try:
    P[2].match()
except TypeError as e:
    show('TypeError', e)
try:
    P[2].match('1', bogus=2)
except TypeError as e:
    show('TypeError', e)
show(P[2] == P[2], P[2] == P[3], hash(P[2]) == hash(P[2]), P[2].__copy__() is P[2])
show(type(P[2]).__name__, type(P[2].match('1')).__name__, type(P[2].finditer('1')).__name__)

