# sub/subn with literal, template and function replacements; split with groups and maxsplit.
import re

print(re.sub(r'(\w+)@(\w+)\.com', r'\2 at \1', 'joe@example.com, ann@test.com'))
print(re.sub(r'(?P<first>\w+) (?P<second>\w+)', r'\g<second> \g<first>', 'hello world, good day'))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1 b22 c333'))
print(re.sub('a', r'\n', 'banana') == 'b\nn\nn\n')
print(re.sub('a', '\\\\', 'banana'))
print(re.sub('x*', '-', 'abxd'))
print(re.sub('', '-', 'abc'))
print(re.sub('a', 'b', 'aaaa', count=2), re.sub('a', 'b', 'aaaa', 1))
print(re.subn(r'\s+', ' ', 'a  b \t c\n\nd'))
print(re.subn('z', 'y', 'abc'))
print(re.sub(r'(a)|(b)', r'[\1|\2]', 'ab'))
print(re.sub(r'\b', '|', 'one two'))
print(re.sub('(?i)HELLO', 'bye', 'Hello hello HELLO'))
print(re.sub(r'(\d)', r'\g<1>0', 'a1b2'))
print(re.sub('a', lambda m: None or '', 'banana'))

print(re.split(r'[,;]\s*', 'a, b;c,  d'))
print(re.split(r'(,)', 'a,b,c'))
print(re.split(r'(a)|(b)', 'xaybz'))
print(re.split(r'\W+', 'Words, words, words.', maxsplit=1))
print(re.split('x*', 'axbc'))
print(re.split(r'\s', ' lead and trail '))
print(re.split('z', 'abc'), re.split('', 'abc'))
print(re.split(r'\d', 'a1b2c3', 2))

for bad in (r'\9', r'\g<name>', r'\g<1', 'x\\'):
    try:
        re.sub('(a)', bad, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub('a', lambda m: 5, 'a')
except TypeError as e:
    print('TypeError', e)
