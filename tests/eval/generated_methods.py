# The patterns namedtuple and dataclasses use: methods built from source text at run time and attached to
# compiled classes, with their metadata rewritten afterwards.


def make_record(typename, fields, defaults=()):
    arg_list = ", ".join(fields)
    namespace = {"_tuple_new": tuple.__new__, "__builtins__": {}, "__name__": f"record_{typename}"}
    code = f"lambda _cls, {arg_list}: _tuple_new(_cls, ({arg_list}, ))"
    new = eval(code, namespace)
    new.__name__ = "__new__"
    new.__doc__ = f"Create new instance of {typename}({arg_list})"
    if defaults:
        new.__defaults__ = tuple(defaults)

    def __repr__(self):
        return self.__class__.__name__ + "(" + ", ".join(f"{n}={v!r}" for n, v in zip(fields, self)) + ")"

    cls = type(typename, (tuple,), {"__new__": new, "__repr__": __repr__, "__slots__": ()})
    for i, name in enumerate(fields):
        setattr(cls, name, property(lambda self, i=i: self[i]))
    return cls


Point = make_record("Point", ["x", "y"], defaults=[0])
p = Point(1, 2)
print(p, Point(5), p.x, p.y, Point.__new__.__name__, Point.__new__.__doc__, Point.__new__.__defaults__)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)


def create_fn(name, args, body, *, globals=None, locals=None, return_type=None):
    locals = dict(locals or {})
    return_annotation = ""
    if return_type is not None:
        locals["__return_type__"] = return_type
        return_annotation = "->__return_type__"
    args = ",".join(args)
    body = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({args}){return_annotation}:\n{body}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    ns = {}
    exec(txt, globals, ns)
    return ns["__create_fn__"](**locals)


class Item:
    pass


class _Missing:
    def __repr__(self):
        return "<MISSING>"


MISSING = _Missing()
init = create_fn(
    "__init__",
    ["self", "name", "price=__dflt_price__", "tags=__MISSING__"],
    [
        "self.name=name",
        "self.price=price",
        "self.tags=__factory_tags__() if tags is __MISSING__ else tags",
        "if self.price < 0: raise ValueError(f'negative price {self.price!r}')",
    ],
    globals=globals(),
    locals={"__dflt_price__": 1.5, "__MISSING__": MISSING, "__factory_tags__": list},
    return_type=None,
)
init.__qualname__ = f"{Item.__qualname__}.{init.__name__}"
Item.__init__ = init
eq = create_fn(
    "__eq__",
    ["self", "other"],
    ["if other.__class__ is self.__class__:", "  return (self.name,self.price,)==(other.name,other.price,)", "return NotImplemented"],
    globals=globals(),
)
Item.__eq__ = eq
Item.__repr__ = create_fn(
    "__repr__", ["self"], ['return self.__class__.__qualname__ + f"(name={self.name!r}, price={self.price!r}, tags={self.tags!r})"'],
    globals=globals(),
)
a, b = Item("apple"), Item("apple", 1.5, ["x"])
print(a, b, a == b, a == Item("pear"), a.__eq__(3), Item.__init__.__qualname__, Item.__init__.__defaults__)
print(a.tags is not Item("z").tags)
try:
    Item("bad", -1)
except ValueError as e:
    print("ValueError:", e)
frozen_setattr = create_fn(
    "__setattr__",
    ["self", "name", "value"],
    ["if type(self) is cls or name in ('name', 'price'):", " raise AttributeError(f'cannot assign to field {name!r}')", "super(cls, self).__setattr__(name, value)"],
    locals={"cls": Item},
    globals=globals(),
)
Item.__setattr__ = frozen_setattr
try:
    a.price = 3
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(init.__code__.co_varnames), init.__code__.co_argcount, init.__code__.co_filename)
