# bytes patterns against bytes-like subjects, str/bytes mismatch errors, unicode classes and case folding.
import re

print(re.match(rb'(\d+)', b'42abc').group(1))
print(re.findall(rb'[a-z]+', b'ab 12 cd'), re.sub(rb'\s', b'_', b'a b c'))
print(re.split(rb',', bytearray(b'a,b')), re.search(b'b', memoryview(b'abc')).span())
m = re.search(rb'(?P<x>b+)', bytearray(b'abbc'))
print(m.group(), type(m.group()).__name__, m.string, m)
print(re.sub(rb'(a)', rb'<\1>', b'banana'), re.subn(b'a', lambda m: b'A', b'aba'))
print(re.match(rb'\w+', 'é'.encode()), re.match(rb'(?i)K', b'k'))
for pat, s in ((r'a', b'a'), (rb'a', 'a'), ('a', 5), (rb'a', ['a'])):
    try:
        re.match(pat, s)
    except TypeError as e:
        print('TypeError', e)
print(re.findall(r'\w+', 'héllo wörld ünïcode 日本語'))
print(re.findall(r'[à-ÿ]+', 'çà et là'))
print(re.sub('(?i)σ', 'x', 'Σσς'))
print(re.match('(?i)ﬀ', 'FF'), re.match('(?i)K', '\u212a').group())
print(re.findall(r'\s+', 'a\u3000b\xa0c'), re.findall(r'\S+', 'a\u3000b'))
m = re.search(r'(日+)(本)', 'x日日本y')
print(m.span(), m.span(1), m.group(2), m)
print(re.findall(r'.', '🙂a🙂'), re.search('a', '🙂🙂a').span())
s = 'ü' * 200 + 'abc' + 'ü' * 100
print(re.search('abc', s).span(), len(re.findall('ü', s)), re.sub('ü+', '-', s))
print(re.escape('a.b*c?'), re.escape(b'a.b'), re.escape('日 本'))
