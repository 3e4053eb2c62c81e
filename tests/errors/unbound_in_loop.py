# Uncaught UnboundLocalError: variable only assigned in a loop that never ran.
def last_item(items):
    for item in items:
        pass
    return item


print(last_item([1, 2, 3]))
print(last_item([]))
