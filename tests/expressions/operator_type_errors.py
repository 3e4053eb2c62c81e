# TypeError messages for unsupported binary/unary operand types.
cases = [
    lambda: 1 + "a", lambda: "a" + 1, lambda: [1] + (2,), lambda: None + 1,
    lambda: 1 - "a", lambda: {} * 2, lambda: "a" / 2, lambda: [] // 1,
    lambda: 5 % [], lambda: 2 ** "x", lambda: 1 & 1.5, lambda: 1 << 1.0,
    lambda: -"a", lambda: ~1.5, lambda: +[], lambda: {1} + {2},
    lambda: (1,) - (1,), lambda: 1.5 | 2, lambda: "a" < 1, lambda: [] > 1,
    lambda: len(5), lambda: three(), lambda: nothing(), lambda: text(),
    lambda: [1, 2] * [3], lambda: {}[[]], lambda: {[]: 1}, lambda: {[1]},
]
three, nothing, text = 3, None, "abc"
for i, case in enumerate(cases):
    try:
        case()
        print(i, "no error")
    except TypeError as e:
        print(i, e)
