# The body of crabby's `_ast` module (see modules/ast.rs): the AST node classes of CPython 3.12, made from the
# table in nodes.asdl (given to this code as `_NODES`), and the PyCF_* compile flags. Run by crabby's evaluator
# when `_ast` is first imported.

PyCF_ONLY_AST = 0x400
PyCF_TYPE_COMMENTS = 0x1000
PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000


class AST:
    __module__ = 'ast'
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        # As CPython 3.12: positional arguments fill `_fields` in order, keywords set any attribute, and fields
        # not given stay unset (optional ones read as None from the class).
        fields = type(self)._fields
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError(f"{type(self).__name__} constructor takes at most {n} positional argument"
                            f"{'' if n == 1 else 's'}")
        for name, value in zip(fields, args):
            setattr(self, name, value)
        given = fields[:len(args)]
        for key, value in kwargs.items():
            if key in given:
                raise TypeError(f"{type(self).__name__} got multiple values for argument '{key}'")
            setattr(self, key, value)

    def __reduce__(self):
        return type(self), (), self.__dict__


def _names(spec):
    # 'expr? value' -> ('value', True): the field's name and whether it is optional.
    out = []
    for item in spec.split():
        out.append((item.rstrip('?'), item.endswith('?')))
    return out


def _build(table):
    ns = globals()
    children = {}
    for line in table.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        head, _, attrs = line.partition(' @ ')
        attrs = _names(attrs)
        kind, _, sig = head.partition(' ')
        body = {'__module__': 'ast'}
        if kind == 'abstract':
            name, base, fields = sig, AST, []
            children[name] = []
        else:
            name, _, params = sig.partition('(')
            base = ns[kind]
            fields = []
            for p in params.rstrip(')').split(','):
                p = p.strip()
                if p:
                    typ, field = p.split()
                    fields.append((field, typ.endswith('?')))
            body['__doc__'] = sig
            if kind in children:
                children[kind].append(sig)
        body['_fields'] = tuple(f for f, _ in fields)
        body['__match_args__'] = body['_fields']
        if kind == 'abstract' or base is AST:
            body['_attributes'] = tuple(a for a, _ in attrs)
        # Optional fields and attributes default to None, read from the class.
        for f, optional in fields + attrs:
            if optional:
                body[f] = None
        ns[name] = type(name, (base,), body)
    for name, sigs in children.items():
        # As CPython: one line when no constructor has fields, else one constructor per line.
        sep = "\n" + " " * (len(name) + 1) + "| " if any('(' in s for s in sigs) else " | "
        ns[name].__doc__ = f"{name} = " + sep.join(sigs)


_build(_NODES)
del _build, _names, _NODES
