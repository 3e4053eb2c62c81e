# Circular imports: a module sees the other partially initialised, names bound later are found when used
# later, and `from m import name` of a name not yet bound is CPython's "partially initialized module" error.
import alpha
print(alpha.ALPHA, alpha.beta.BETA, alpha.beta.alpha_seen)
print(alpha.beta.call_alpha())
try:
    import gamma
except ImportError as e:
    # The message ends with the module's path, which depends on where the tests are: leave it out.
    print(type(e).__name__, str(e).rsplit(" (", 1)[0])
import sys
print("gamma" in sys.modules, "delta" in sys.modules)
