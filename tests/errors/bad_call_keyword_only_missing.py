# Uncaught TypeError: missing keyword-only argument.
def connect(host, *, port, timeout=10):
    return f"{host}:{port}/{timeout}"


print(connect("localhost", port=80))
print(connect("localhost"))
