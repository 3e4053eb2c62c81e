# Uncaught KeyError shows the repr of the key.
prices = {"apple": 3, "pear": 4}
print(prices["apple"])
print(prices["banana"])
