# An uncaught exception raised inside evaluated code: the traceback shows <string> frames.
def run():
    ns = {}
    exec("def inner(x):\n    return 1 // x\n\ndef outer():\n    return inner(0)\n", ns)
    ns["outer"]()


print("start")
run()
