# Buffered stdout is flushed at exit, also when the program ends with an uncaught exception.
import sys
sys.stdout.write("partial line without newline, ")
print("then a line")
sys.stdout.write("buffered before the error")
raise RuntimeError("boom")
