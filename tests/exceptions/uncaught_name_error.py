# Uncaught NameError for an undefined global.
def show():
    print("inside show")
    return undefined_thing + 1


print("start")
show()
print("never printed")
