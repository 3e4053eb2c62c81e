# os: the environment (environ/environb as bytes-backed mappings, putenv/unsetenv, getenv).
import os

os.environ["CRABBY_TEST_VAR"] = "v1"
print(os.environ["CRABBY_TEST_VAR"], os.getenv("CRABBY_TEST_VAR"), os.environb[b"CRABBY_TEST_VAR"])
print(os.getenvb(b"CRABBY_TEST_VAR"), "CRABBY_TEST_VAR" in os.environ)
os.environb[b"CRABBY_TEST_B"] = b"bv"
print(os.environ["CRABBY_TEST_B"])
del os.environ["CRABBY_TEST_VAR"]
print(os.getenv("CRABBY_TEST_VAR"), os.getenv("CRABBY_TEST_VAR", "dflt"), "CRABBY_TEST_VAR" in os.environ)
print(os.environ.pop("CRABBY_TEST_B"), os.environ.get("CRABBY_TEST_B"))
os.environ.setdefault("CRABBY_TEST_C", "c")
print(os.environ["CRABBY_TEST_C"])
try:
    os.environ["CRABBY_MISSING_XYZ"]
except KeyError as e:
    print("KeyError", e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print("TypeError", e)
try:
    os.putenv("A=B", "x")
except ValueError as e:
    print("ValueError", e)
try:
    os.putenv("A", "x\0y")
except ValueError as e:
    print("ValueError", e)
print(type(os.environ).__name__, all(isinstance(k, str) for k in os.environ))
print(isinstance(os.environ.copy(), dict), "PATH" in os.environ)
print(os.get_exec_path(env={"PATH": "/a:/b"}))
