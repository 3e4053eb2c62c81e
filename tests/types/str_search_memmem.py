# Substring search (find, rfind, index, count, replace, split with a separator, `in`) on ASCII and non-ASCII
# text: positions are code points, matches do not overlap.
s = "abcabcab" * 3
print(s.find("cab"), s.rfind("cab"), s.find("cab", 5), s.rfind("cab", 0, 10), s.find("zz"))
print(s.count("ab"), s.count("abcab"), "aaaa".count("aa"), "aaa".count("aa"), s.count("ab", 3, 12))
print("aaaa".replace("aa", "b"), s.replace("ab", "-", 2), s.replace("cab", ""), "abc".replace("x", "y"))
print("a--b--c----d".split("--"), "a--b--c".split("--", 1), "xyx".split("xyx"), "".split("ab"))
print("cab" in s, "cba" in s, "" in s, "b" in "abc")
u = "héllo wörld héllo ünïcode héllo"
print(u.find("héllo", 1), u.rfind("héllo"), u.index("ünï"), u.rindex("llo", 0, 20))
print(u.count("héllo"), u.count("ö"), u.count("l"), u.replace("héllo", "bye"), u.replace("ö", "oe"))
print(u.split("héllo"), u.split(" ", 2), "ünï" in u, "üni" in u)
e = "日本語のテキスト、日本語"
print(e.find("日本語", 1), e.count("日本"), e.replace("日本語", "にほんご"), e.split("、"))
try:
    u.index("zzz")
except ValueError as err:
    print("ValueError", err)
try:
    "abc".count(1)
except TypeError as err:
    print("TypeError", err)
long = "x" * 1000 + "needle" + "y" * 1000 + "needle"
print(long.find("needle"), long.rfind("needle"), long.count("needle"), len(long.split("needle")))
