# Imports inside functions run when the function does; `try: import x except ImportError:` takes the
# fallback for a missing module and for a missing name, with CPython's messages.
def load():
    import lazy_helper
    from lazy_helper import value
    return lazy_helper.NAME, value()
print("before load")
print(load())
print(load())
try:
    import fast_json_that_does_not_exist as fast
except ImportError as e:
    fast = None
    print(type(e).__name__, e, e.name)
print(fast)
try:
    from lazy_helper import no_such_name
except ImportError as e:
    print(type(e).__name__, str(e).rsplit(" (", 1)[0])
try:
    import lazy_helper.not_a_package
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
class Holder:
    import lazy_helper as inner
print(Holder.inner.NAME)
