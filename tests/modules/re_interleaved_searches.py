# Regex searches on different subjects interleaved: iterators advanced alternately, a replacement function that
# runs other regexes, and non-ASCII subjects whose positions are counted in characters.
import re

words = re.compile(r"\w+")
a = words.finditer("héllo wörld ünïcode tëxt")
b = words.finditer("plain ascii words here and more")
c = re.finditer(r"[^\s]+", "日本語 テキスト の 単語")
for _ in range(6):
    for it in (a, b, c):
        m = next(it, None)
        print(m and (m.group(), m.span()))


def repl(m):
    inner = re.findall(r"[aeiouéö]", m.group())
    pos = re.search(r"l+", m.group())
    return f"<{len(inner)}:{pos.span() if pos else None}>"


print(re.sub(r"\w+", repl, "héllo wörld, all small letters; ökonomie"))
print([m.span() for m in re.finditer(r"é|ö", "aé bö cé dö")])
print(re.search(r"d", "日本d"), re.search(r"d", "abd"), re.match(r"\w+", "ünï x"))
p = re.compile(r"(\w)(\w)?")
print([m.groups() for m in p.finditer("ab c déf")])
print(re.split(r"[,;]\s*", "ä, b;c,  ö"), re.fullmatch(r"\w+", "ö" * 5))
