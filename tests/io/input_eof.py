# input() writes its prompt to sys.stdout and reads sys.stdin (here /dev/null: end of file).
import sys
try:
    input("your name? ")
except EOFError as e:
    print(type(e).__name__, e)
print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readable(), sys.stdin.writable())
