# match: run-time errors of class and mapping patterns, with CPython's messages.


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["x"]


class NonStr:
    __match_args__ = (1,)


class P:
    __match_args__ = ("x",)
    x = 1


def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


def called_non_class():
    not_a_class = len
    match 1:
        case not_a_class():
            return "matched"


def too_many():
    match NoArgs():
        case NoArgs(1):
            return "matched"


def too_many_self():
    match 5:
        case int(a, b):
            return "matched"


def list_match_args():
    match BadArgs():
        case BadArgs(1):
            return "matched"


def non_str_match_args():
    match NonStr():
        case NonStr(1):
            return "matched"


def duplicate_attr():
    match P():
        case P(1, x=1):
            return "matched"


def too_many_two():
    match P():
        case P(1, 2):
            return "matched"


def duplicate_key():
    class K:
        A = "a"
        B = "a"

    match {"a": 1, "b": 2}:
        case {K.A: 1, K.B: 2}:
            return "matched"


def unhashable_key():
    class K:
        A = []

    match {"a": 1}:
        case {K.A: 1}:
            return "matched"


def isinstance_fails():
    class Meta(type):
        def __instancecheck__(cls, obj):
            raise RuntimeError("no instance check")

    class C(metaclass=Meta):
        pass

    match 1:
        case C():
            return "matched"


def attribute_error_other():
    class C:
        @property
        def a(self):
            raise KeyError("inside property")

    match C():
        case C(a=1):
            return "matched"


def missing_attr_fails_quietly():
    class C:
        @property
        def a(self):
            raise AttributeError("nope")

    match C():
        case C(a=1):
            return "matched"
        case _:
            return "no match"


def name_error_in_value():
    match 1:
        case undefined_name.attr:
            return "matched"


def duplicate_key_too_short():
    # The length check comes first: a mapping with fewer items than keys never reaches the duplicate check.
    class K:
        A = "a"
        B = "a"

    match {"a": 1}:
        case {K.A: 1, K.B: 2}:
            return "matched"


for f in [duplicate_key_too_short, called_non_class, too_many, too_many_self, list_match_args, non_str_match_args, duplicate_attr,
          too_many_two, duplicate_key, unhashable_key, isinstance_fails, attribute_error_other,
          missing_attr_fails_quietly, name_error_in_value]:
    attempt(f.__name__, f)

# An uncaught error's traceback points at the case line.
match 1:
    case NoArgs(1):
        pass
    case int(1, 2):
        pass
