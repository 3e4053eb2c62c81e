# A short misspelt attribute still gets a suggestion (at most a third of the characters change).
class A:
    foo = 1


print("start")
A().fo
