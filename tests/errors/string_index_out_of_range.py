# Uncaught IndexError on a string.
word = "abc"
print(word[2])
print(word[3])
