# Module-level names visible in functions, shadowing, and definition order.
x = "global x"


def show():
    return x


def shadow():
    x = "local x"
    return x


def later():
    return defined_after()


def defined_after():
    return "defined after later() but before the call"


print(show(), "|", shadow(), "|", x)
print(later())
x = "rebound"
print(show())


def redefine():
    return 1


first = redefine


def redefine():
    return 2


print(first(), redefine())

if True:
    def conditional():
        return "defined in if"
else:
    def conditional():
        return "never"
print(conditional())

for i in range(2):
    def made_in_loop():
        return i
print(made_in_loop())
