# Packages: __init__.py runs once, submodules become attributes of their package, `import a.b.c` binds
# `a`, `import a.b as c` binds the submodule, and module names, packages and paths are what CPython says.
import sys
import shapes.solid.cube
print(shapes.__name__, shapes.solid.__name__, shapes.solid.cube.__name__)
print(shapes.solid.cube.volume(3))
print("shapes.solid" in sys.modules, "shapes.flat" in sys.modules)
print(hasattr(shapes, "flat"))
try:
    shapes.flat
except AttributeError as e:
    print("AttributeError:", e)
import shapes.flat.square as sq
print(sq.__name__, sq.area(4), hasattr(shapes, "flat"), shapes.flat.square is sq)
import shapes as s2
print(s2 is shapes, shapes.INIT_RUNS)
import shapes
print(shapes.INIT_RUNS)
print(shapes.__package__, shapes.solid.cube.__package__, shapes.flat.__package__)
print(hasattr(shapes, "__path__"), hasattr(shapes.solid.cube, "__path__"))
print(type(shapes.__path__).__name__, len(shapes.__path__), shapes.__path__[0].endswith("shapes"))
print(shapes.__file__.endswith("__init__.py"), shapes.solid.cube.__file__.endswith("cube.py"))
print(type(shapes).__name__, repr(shapes.solid.cube).startswith("<module 'shapes.solid.cube' from "))
print(sys.modules["shapes.solid.cube"] is shapes.solid.cube)
from shapes.solid import cube as c, NAME
print(c.volume(2), NAME)
from shapes import helper_value
print(helper_value)
