# A module found nowhere is not a build error: its import raises ModuleNotFoundError when it runs.
import present
print("before the missing import", present.X)
import no_such_module_anywhere
print("not reached")
