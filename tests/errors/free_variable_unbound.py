# Uncaught NameError: free variable referenced before assignment in the enclosing scope.
def outer():
    def inner():
        return value
    print("calling inner")
    result = inner()
    value = 1
    return result


outer()
