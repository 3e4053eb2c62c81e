# Exception subclasses overriding __str__; uncaught one uses the custom __str__.
class ParseError(Exception):
    def __init__(self, line, message):
        super().__init__(line, message)
        self.line = line
        self.message = message

    def __str__(self):
        return f"line {self.line}: {self.message}"


try:
    raise ParseError(3, "unexpected token")
except ParseError as e:
    print(e, "|", repr(e), "|", e.args)
print("now uncaught")
raise ParseError(7, "unterminated string")
