# The body of crabby's `_typing` module (see modules/typing.rs): TypeVar, ParamSpec, ParamSpecArgs,
# ParamSpecKwargs, TypeVarTuple, TypeAliasType and Generic as CPython 3.12 defines them in C, written here in
# Python and run by crabby's evaluator when `_typing` is first imported. Like CPython's C code, the behaviour that
# belongs to typing.py (type checks, substitution, unions, Generic's subscription) is delegated to typing.py's
# helper functions, imported when first needed because typing.py imports this module first.

import sys as _sys


def _typing_func(name):
    import typing
    return getattr(typing, name)


def _caller_module():
    # The module of the code that called the constructor (two frames up: this helper, then `__new__`).
    try:
        return _sys._getframe(2).f_globals.get('__name__')
    except (AttributeError, ValueError):
        return None


def _final(type_name):
    # CPython's types are not subclassable; a Python class refuses subclasses in __init_subclass__ instead.
    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError(f"type 'typing.{type_name}' is not an acceptable base type")
    return classmethod(__init_subclass__)


def _check_name(kind, name):
    # `kind` is the C function's name, which CPython's message uses.
    if not isinstance(name, str):
        raise TypeError(f"{kind}() argument 'name' must be str, not {type(name).__name__}")


def _check_variance(covariant, contravariant, infer_variance):
    if covariant and contravariant:
        raise ValueError("Bivariant types are not supported.")
    if infer_variance and (covariant or contravariant):
        raise ValueError("Variance cannot be specified with infer_variance.")


def _variance_repr(self):
    if self._infer_variance:
        return self._name
    if self._covariant:
        return '+' + self._name
    if self._contravariant:
        return '-' + self._name
    return '~' + self._name


def _readonly(attr):
    return property(lambda self: getattr(self, attr))


def _lazy(attr):
    # A PEP 695 bound or constraint tuple is computed when first read (by the function in `_evaluate<attr>`).
    def get(self):
        d = self.__dict__
        if attr not in d:
            d[attr] = d.pop('_evaluate' + attr)()
        return d[attr]
    return property(get)


class TypeVar:
    """A type variable: a placeholder for one type in generic classes, functions and aliases."""
    __module__ = 'typing'
    __init_subclass__ = _final('TypeVar')

    def __new__(cls, name, *constraints, bound=None, covariant=False, contravariant=False,
                infer_variance=False):
        _check_name('typevar', name)
        covariant, contravariant, infer_variance = bool(covariant), bool(contravariant), bool(infer_variance)
        _check_variance(covariant, contravariant, infer_variance)
        if bound is not None:
            bound = _typing_func('_type_check')(bound, "Bound must be a type.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        self = object.__new__(cls)
        self._name = name
        self._bound = bound
        self._constraints = constraints
        self._covariant = covariant
        self._contravariant = contravariant
        self._infer_variance = infer_variance
        self.__module__ = _caller_module()
        return self

    __name__ = _readonly('_name')
    __bound__ = _lazy('_bound')
    __constraints__ = _lazy('_constraints')
    __covariant__ = _readonly('_covariant')
    __contravariant__ = _readonly('_contravariant')
    __infer_variance__ = _readonly('_infer_variance')
    __repr__ = _variance_repr

    def __or__(self, right):
        return _typing_func('_make_union')(self, right)

    def __ror__(self, left):
        return _typing_func('_make_union')(left, self)

    def __typing_subst__(self, arg):
        return _typing_func('_typevar_subst')(self, arg)

    def __reduce__(self):
        return self._name

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of TypeVar")


class ParamSpecArgs:
    """The positional arguments of a ParamSpec (P.args); __origin__ is the ParamSpec."""
    __module__ = 'typing'
    __init_subclass__ = _final('ParamSpecArgs')
    _suffix = 'args'

    def __init__(self, origin):
        self._origin = origin

    __origin__ = _readonly('_origin')

    def __repr__(self):
        origin = self._origin
        if isinstance(origin, ParamSpec):
            return f"{origin._name}.{self._suffix}"
        return f"{origin!r}.{self._suffix}"

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._origin == other._origin

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass an instance of {type(self).__name__}")


class ParamSpecKwargs:
    """The keyword arguments of a ParamSpec (P.kwargs); __origin__ is the ParamSpec."""
    __module__ = 'typing'
    __init_subclass__ = _final('ParamSpecKwargs')
    _suffix = 'kwargs'
    __init__ = ParamSpecArgs.__init__
    __origin__ = _readonly('_origin')
    __repr__ = ParamSpecArgs.__repr__
    __eq__ = ParamSpecArgs.__eq__
    __mro_entries__ = ParamSpecArgs.__mro_entries__


class ParamSpec:
    """A parameter specification variable: a placeholder for the parameters of a callable."""
    __module__ = 'typing'
    __init_subclass__ = _final('ParamSpec')

    def __new__(cls, name, *, bound=None, covariant=False, contravariant=False, infer_variance=False):
        _check_name('paramspec', name)
        covariant, contravariant, infer_variance = bool(covariant), bool(contravariant), bool(infer_variance)
        _check_variance(covariant, contravariant, infer_variance)
        # CPython type-checks the bound even when it is None (giving NoneType).
        bound = type(None) if bound is None else _typing_func('_type_check')(bound, "Bound must be a type.")
        self = object.__new__(cls)
        self._name = name
        self._bound = bound
        self._covariant = covariant
        self._contravariant = contravariant
        self._infer_variance = infer_variance
        self.__module__ = _caller_module()
        return self

    __name__ = _readonly('_name')
    __bound__ = _readonly('_bound')
    __covariant__ = _readonly('_covariant')
    __contravariant__ = _readonly('_contravariant')
    __infer_variance__ = _readonly('_infer_variance')
    __repr__ = _variance_repr

    @property
    def args(self):
        """Represents positional arguments."""
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        """Represents keyword arguments."""
        return ParamSpecKwargs(self)

    def __or__(self, right):
        return _typing_func('_make_union')(self, right)

    def __ror__(self, left):
        return _typing_func('_make_union')(left, self)

    def __typing_subst__(self, arg):
        return _typing_func('_paramspec_subst')(self, arg)

    def __typing_prepare_subst__(self, alias, args):
        return _typing_func('_paramspec_prepare_subst')(self, alias, args)

    def __reduce__(self):
        return self._name

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of ParamSpec")


class TypeVarTuple:
    """A type variable tuple: a placeholder for any number of types (PEP 646)."""
    __module__ = 'typing'
    __init_subclass__ = _final('TypeVarTuple')

    def __new__(cls, name):
        _check_name('typevartuple', name)
        self = object.__new__(cls)
        self._name = name
        self.__module__ = _caller_module()
        return self

    __name__ = _readonly('_name')

    def __repr__(self):
        return self._name

    def __iter__(self):
        yield _typing_func('Unpack')[self]

    def __typing_subst__(self, arg):
        raise TypeError("Substitution of bare TypeVarTuple is not supported")

    def __typing_prepare_subst__(self, alias, args):
        return _typing_func('_typevartuple_prepare_subst')(self, alias, args)

    def __reduce__(self):
        return self._name

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of TypeVarTuple")


class TypeAliasType:
    """A type alias (the type statement); __value__ is the aliased type."""
    __module__ = 'typing'
    __init_subclass__ = _final('TypeAliasType')

    def __new__(cls, name, value, *, type_params=()):
        _check_name('typealias', name)
        if not isinstance(type_params, tuple):
            raise TypeError("type_params must be a tuple")
        self = object.__new__(cls)
        self._name = name
        self._value = value
        self._type_params = type_params
        self.__module__ = _caller_module()
        return self

    __name__ = _readonly('_name')
    __type_params__ = _readonly('_type_params')

    @property
    def __value__(self):
        try:
            return self._value
        except AttributeError:
            # Made by a `type` statement: computed when first read, as CPython does.
            value = self._value = self._evaluate()
            return value

    @property
    def __parameters__(self):
        params = []
        for p in self._type_params:
            if isinstance(p, TypeVarTuple):
                params.extend(p)
            else:
                params.append(p)
        return tuple(params)

    def __repr__(self):
        return self._name

    def __getitem__(self, parameters):
        if not self._type_params:
            raise TypeError("Only generic type aliases are subscriptable")
        import types
        return types.GenericAlias(self, parameters)

    def __or__(self, right):
        # NOTE: CPython makes a types.UnionType here; crabby's UnionType does not take type aliases yet, and a
        # typing.Union would print differently.
        raise NotImplementedError("crabby does not support '|' on a TypeAliasType yet")

    __ror__ = __or__

    def __reduce__(self):
        return self._name


def _lazy_type_alias(name, evaluate, type_params=()):
    # What compiled code makes for `type name = value`: `evaluate()` computes the value when first read.
    self = object.__new__(TypeAliasType)
    self._name = name
    self._evaluate = evaluate
    self._type_params = type_params
    self.__module__ = evaluate.__module__
    return self


def _type_param(kind, name, evaluate):
    # A type parameter of a PEP 695 list (`[T: bound, *Ts, **P]`), as CPython's intrinsics make them: variance
    # inferred, a bound (kind 0) or constraints (kind 1) computed by `evaluate` when first read.
    if kind <= 1:
        self = object.__new__(TypeVar)
        self._name = name
        self._covariant = self._contravariant = False
        self._infer_variance = True
        if evaluate is None:
            self._bound, self._constraints = None, ()
        elif kind == 0:
            self._constraints, self._evaluate_bound = (), evaluate
        else:
            self._bound, self._evaluate_constraints = None, evaluate
    elif kind == 2:
        self = object.__new__(TypeVarTuple)
        self._name = name
    else:
        self = object.__new__(ParamSpec)
        self._name = name
        self._bound = None
        self._covariant = self._contravariant = False
        self._infer_variance = True
    self.__module__ = 'typing'
    return self


def _generic_base(params):
    # The implicit base of `class C[T, *Ts]`: Generic[T, *Ts] (a TypeVarTuple is unpacked, as CPython does).
    return Generic.__class_getitem__(tuple(
        _typing_func('Unpack')[p] if isinstance(p, TypeVarTuple) else p for p in params))


class Generic:
    """The base class of generic classes: Generic[T, ...] declares their type parameters."""
    __module__ = 'typing'
    __slots__ = ()

    def __class_getitem__(cls, params):
        """Parameterizes a generic class (typing._generic_class_getitem does the work)."""
        return _typing_func('_generic_class_getitem')(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        """Function to initialize subclasses."""
        return _typing_func('_generic_init_subclass')(cls, *args, **kwargs)


del _readonly
