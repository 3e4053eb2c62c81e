# LEGB resolution, UnboundLocalError caught, builtins shadowing.
x = "global"


def reads_global():
    return x


def assigns_later():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = "local"
    return x


print(reads_global())
print(assigns_later())


def enclosing():
    x = "enclosing"

    def inner():
        return x
    return inner()


print(enclosing())


def shadows_len():
    len = lambda obj: "fake len"
    return len([1, 2, 3])


print(shadows_len(), len([1, 2, 3]))


def augmented_unbound():
    counter = 0

    def bump():
        try:
            counter += 1
        except UnboundLocalError as e:
            return str(e)
    return bump()


print(augmented_unbound())


def del_then_read():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "after del: " + str(e)


print(del_then_read())


def conditional_bind(flag):
    if flag:
        z = "bound"
    return z


print(conditional_bind(True))
try:
    conditional_bind(False)
except UnboundLocalError as e:
    print(type(e).__name__, e, isinstance(e, NameError))
