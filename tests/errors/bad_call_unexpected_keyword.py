# Uncaught TypeError: unexpected keyword argument.
def greet(name, greeting="Hello"):
    return f"{greeting}, {name}"


print(greet("Ann", greeting="Hi"))
print(greet("Bob", salutation="Hey"))
