# A module whose body raises is removed from sys.modules, and importing it again runs it again.
import sys
for attempt in range(2):
    try:
        import broken
    except ZeroDivisionError as e:
        print("attempt", attempt, type(e).__name__, e, "broken" in sys.modules)
import ok_after
print(ok_after.VALUE)
