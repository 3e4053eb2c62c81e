# Uncaught NameError: calling a function that was never defined.
def helper():
    return "helper"


print(helper())
print(compute_grand_total())
