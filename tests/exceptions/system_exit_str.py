# raise SystemExit("msg"): message on stderr, exit status 1.
print("working")
raise SystemExit("fatal: something went wrong")
