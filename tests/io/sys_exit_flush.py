# sys.exit() flushes stdout before the process ends; the exit message goes to stderr.
import sys
print("before exit", end="")
sys.exit("goodbye")
