# Nested replacement fields inside format specs.
x = 3.14159
for w in [6, 10]:
    for p in [1, 3]:
        print(f"[{x:{w}.{p}f}]")
fill, align, width = "-", "^", 12
print(f"[{'mid':{fill}{align}{width}}]")
spec = ">8"
print(f"[{42:{spec}}]", f"[{'s':{spec}}]")
rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12), ("watermelon", 3.0, 1)]
col = max(len(r[0]) for r in rows)
for name, price, qty in rows:
    print(f"{name:<{col}} | {price:>6.2f} | {qty:>{3}d} | {price * qty:{'>'}{10},.{2}f}")
print(f"{'x':{'<' if True else '>'}{5}}|")
n = 255
for base in ["x", "o", "b"]:
    print(f"{n:#{base}} {n:0{16}{base}}")
