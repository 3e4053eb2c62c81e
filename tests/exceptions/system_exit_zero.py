# SystemExit with 0 and None both mean success; except Exception does not catch it.
try:
    raise SystemExit(5)
except Exception:
    print("never: SystemExit is not an Exception")
except SystemExit as e:
    print("caught SystemExit with code", e.code)
try:
    raise SystemExit
except SystemExit as e:
    print("code of bare SystemExit:", e.code)
print("leaving")
raise SystemExit(0)
