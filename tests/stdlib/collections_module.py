# collections (CPython's pure-Python module) on the native _collections: deque, defaultdict, Counter.
import collections
import collections.abc
from _collections import deque, defaultdict

print(collections.deque is deque, collections.defaultdict is defaultdict)
print(isinstance(deque(), collections.abc.MutableSequence), isinstance(defaultdict(), collections.abc.MutableMapping))
cnt = collections.Counter("abracadabra")
print(cnt.most_common(3), cnt["z"], sorted(cnt.elements())[:6], cnt.total())
cnt.update("aaz")
cnt.subtract({"a": 2})
print(sorted(cnt.items()), +cnt == cnt)
od = collections.OrderedDict([("b", 1), ("a", 2)])
od.move_to_end("b")
print(od, list(od), od.popitem(last=False))
cm = collections.ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm))
q = collections.deque(maxlen=2)
q.extend("abc")
print(q, collections.defaultdict(list, {"k": [1]}))
