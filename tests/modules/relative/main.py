# Relative imports resolve against the importing module's package: `from . import x`, `from .x import y`,
# `from ..pkg import y`, `from .. import z`; a script has no package, so its own relative import fails.
from app.core import engine
print(engine.run())
print(engine.helper_name, engine.parent_const, engine.sibling.__name__)
import app
print(app.util.text.shout("hi"))
try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)
print(__package__, __name__)
