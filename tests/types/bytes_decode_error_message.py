# The message of a UnicodeDecodeError from bytes.decode, printed by str() and by an uncaught traceback.

try:
    b"caf\xc3".decode()
except UnicodeDecodeError as e:
    print(str(e))
    print(e)
try:
    bytearray(b"\xffabc").decode("ascii")
except UnicodeDecodeError as e:
    print(e)
b"bad \xe2\x28 utf-8".decode()
