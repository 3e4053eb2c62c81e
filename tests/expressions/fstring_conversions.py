# f-strings with !r, !s, !a conversions, = specifier, nested quotes, and expressions.
name = "Zoë"
num = 42
items = [1, "two", None]
print(f"{name}|{name!r}|{name!s}|{name!a}")
print(f"{num}|{num!r}|{items}|{items!r}|{items!a}")
print(f"{'quoted'!r} {"same quotes in 3.12"} {'\'escaped\''}")
print(f"{num=}", f"{num = }", f"{name=!s}", f"{num*2=}")
print(f"{{literal braces}} {{{num}}}")
print(f"{num + 1} {num // 5} {num % 5} {-num} {num > 40}")
print(f"{'nested ' + f'{num}'}")
print(f"{[x * 2 for x in range(3)]} {dict(a=1)} {(1, 2)}")
print(f"{None} {True} {3.5} {1e20} {2**70}")
print(f"{'tab'}\t{'newline'}\\n")
print(f"""triple {name}
second line {num}""")
d = {"key": "value"}
print(f"{d['key']} {d["key"]}")
print(f"{num:>5}|{name!r:^10}|{num!s:<6}|")
print(f"{'é€'!a} {'\n'!r} {chr(0)!r}")
width = 8
print(f"{name:*^{width}}")
print(rf"raw {num} \n", fr"\t{name}")
print(f"" == "", f"{''}" == "")
