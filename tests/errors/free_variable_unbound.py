# Uncaught NameError: free variable referenced before assignment in the enclosing scope.
def outer():
    def inner():
        return late_bound_result
    print("calling inner")
    result = inner()
    late_bound_result = 1
    return result


outer()
