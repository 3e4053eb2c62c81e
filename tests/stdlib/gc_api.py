# gc: the collector's interface (crabby collects nothing yet, so counts are zero).
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), isinstance(gc.collect(), int), gc.collect(0) >= 0)
old = gc.get_threshold()
print(len(old), all(isinstance(x, int) for x in old))
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old)
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)
print(gc.is_tracked(1), gc.is_tracked("a"), gc.is_tracked([]), gc.is_tracked({"a": []}))
print(type(gc.callbacks).__name__, gc.garbage, gc.DEBUG_LEAK, gc.DEBUG_SAVEALL)
gc.set_debug(0)
print(gc.get_debug(), len(gc.get_stats()), sorted(gc.get_stats()[0]), len(gc.get_count()))
gc.freeze()
gc.unfreeze()
print(isinstance(gc.get_freeze_count(), int))
