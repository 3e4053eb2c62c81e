# raise SystemExit(3): exit status 3, nothing on stderr; finally blocks run.
try:
    print("exiting")
    raise SystemExit(3)
finally:
    print("finally runs on SystemExit")
print("never printed")
