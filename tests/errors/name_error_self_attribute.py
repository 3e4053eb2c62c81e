# In a method, a NameError for an attribute of self suggests 'self.name'.
class Counter:
    def __init__(self):
        self.blech = 1

    def get(self):
        return blech


print("start")
Counter().get()
