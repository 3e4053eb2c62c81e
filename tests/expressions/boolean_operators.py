# and/or/not return operands and short-circuit.
log = []


def t(name, value):
    log.append(name)
    return value


print(t("a", 0) and t("b", 1), log)
log.clear()
print(t("a", 1) and t("b", 2), log)
log.clear()
print(t("a", 0) or t("b", ""), log)
log.clear()
print(t("a", "x") or t("b", 1 / 1), log)
log.clear()
print(t("a", 1) and t("b", 0) or t("c", "c"), log)
log.clear()
print(not t("a", []), not t("b", [0]), log)
print(1 or 2 and 0, (1 or 2) and 0, not 0 and 1, not (0 and 1))
print([] or {} or () or None, [1] and (2,) and {3: 3})
print(None and 1 / 0, 1 or 1 / 0)
x = 0
result = x != 0 and 10 / x > 1
print(result)
print(True and "yes" or "no", False and "yes" or "no")
