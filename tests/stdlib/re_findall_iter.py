# findall, finditer and Pattern.scanner: empty matches, groups, positions.
import re

print(re.findall(r'\d+', 'a1b22c333'))
print(re.findall(r'(\w)(\d)', 'a1b2c3'))
print(re.findall(r'(\w)=(\d)?', 'a=1 b= c=3'))
print(re.findall(r'a*', 'baaac'))
print(re.findall(r'\b\w', 'one two three'))
print(re.findall('', 'ab'))
print(re.findall(r'(?:x)(y)', 'xyxy'))
print([m.span() for m in re.finditer(r'a*', 'baaac')])
print([(m.start(), m.group()) for m in re.finditer(r'\w+', 'to be or not')])
it = re.finditer('o', 'foo boo')
print(type(it).__name__, next(it), list(it))
p = re.compile(r'\d')
print(p.findall('1a2b3c', 1, 4), [m.group() for m in p.finditer('12345', 2)])
s = p.scanner('a1b2')
print(s.pattern is p, s.search(), s.search(), s.search(), s.search())
s = re.compile(r'\w').scanner('ab c')
print(s.match(), s.match(), s.match(), s.match())

scanner = re.Scanner([
    (r'[a-z]+', lambda s, t: ('WORD', t)),
    (r'\d+', lambda s, t: ('NUM', int(t))),
    (r'\s+', None),
])
print(scanner.scan('abc 123 de 4 !'))
