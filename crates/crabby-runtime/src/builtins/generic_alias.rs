//! `types.GenericAlias`: what `list[int]`, `dict[str, int]` and the other built-in classes' `__class_getitem__`
//! return (PEP 585). It prints as the subscription, calls its origin, forwards attribute reads to it, and
//! refuses `isinstance`; as a base class it stands for its origin (`__mro_entries__`).
//!
//! NOTE: type variables are not modelled yet, so `__parameters__` is always empty and an alias cannot be
//! subscripted again.

use std::sync::OnceLock;

use crate::builtins::type_::{self, type_obj};
use crate::builtins::{add_methods, tuple, types};
use crate::error::{type_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// The state of a `GenericAlias`: the subscripted class and the subscript as a tuple.
pub struct GenericAliasObj {
    pub origin: Value,
    pub args: Value,
}

static TYPE: OnceLock<ObjRef> = OnceLock::new();

/// The `types.GenericAlias` type object.
pub fn alias_type() -> &'static ObjRef {
    TYPE.get_or_init(|| {
        // Subclassable, as CPython's: `_collections_abc` defines `_CallableGenericAlias(GenericAlias)`.
        let ty = crate::builtins::new_native_type("GenericAlias", "types", true);
        let new = crate::builtins::function::new_builtin("__new__", alias_new, Some(ty.clone()));
        crate::builtins::dict::set_str(&type_obj(&ty).dict, "__new__", crate::builtins::object::static_method(new));
        add_methods(
            &ty,
            &[
                ("__repr__", alias_repr),
                ("__call__", alias_call),
                ("__getattribute__", alias_getattribute),
                ("__eq__", alias_eq),
                ("__ne__", alias_ne),
                ("__hash__", alias_hash),
                ("__mro_entries__", alias_mro_entries),
                ("__instancecheck__", alias_instancecheck),
                ("__subclasscheck__", alias_subclasscheck),
            ],
        );
        ty
    })
}

/// `GenericAlias.__new__(cls, origin, args)`, with CPython's argument checks.
fn alias_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) else {
        return Err(type_error("GenericAlias.__new__(X): X is not a type object"));
    };
    if !type_::is_subtype(cls, alias_type()) {
        let n = type_::type_name(cls);
        return Err(type_error(format!("GenericAlias.__new__({n}): {n} is not a subtype of GenericAlias")));
    }
    if !kwargs.is_empty() {
        return Err(type_error("GenericAlias() takes no keyword arguments"));
    }
    if args.len() != 3 {
        return Err(type_error(format!("GenericAlias expected 2 arguments, got {}", args.len() - 1)));
    }
    let a = &args[2];
    let a = if a.as_tuple().is_some() && a.ty().ptr_eq(&types().tuple) {
        a.clone()
    } else {
        tuple::new_tuple_array([a.clone()])
    };
    let state = GenericAliasObj { origin: args[1].clone(), args: a };
    Ok(Value::Obj(crate::builtins::object::alloc(cls, Payload::Native(NativeBox::new(state)))))
}

/// `origin[args]`: a new alias (`args` is wrapped in a tuple unless it is one).
pub fn new_alias(origin: Value, args: Value) -> Value {
    let args = if args.as_tuple().is_some() && args.ty().ptr_eq(&types().tuple) {
        args
    } else {
        tuple::new_tuple_array([args])
    };
    Value::Obj(ObjRef::new(alias_type(), Payload::Native(NativeBox::new(GenericAliasObj { origin, args }))))
}

fn alias_of(v: &Value) -> PyResult<&GenericAliasObj> {
    v.payload().and_then(|p| p.native::<GenericAliasObj>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'types.GenericAlias' object but received a '{}'", v.type_name()))
    })
}

/// How an alias prints an argument (CPython's `ga_repr_item`): classes by qualified name, `...` as is.
fn repr_item(v: &Value) -> PyResult<String> {
    if let Some(Payload::Type(t)) = v.payload() {
        let qn = t.qualname.read().clone();
        let module = crate::builtins::dict::get_str(&t.dict, "__module__").and_then(|m| m.as_str().map(str::to_string));
        return Ok(match module {
            Some(m) if m != "builtins" => format!("{m}.{qn}"),
            _ => qn,
        });
    }
    if v.is(&Value::Obj(types().ellipsis.clone())) {
        return Ok("...".into());
    }
    ops::format::repr(v)
}

fn alias_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__repr__", args, kwargs).exact(1)?;
    let g = alias_of(&a[0])?;
    let items = g.args.as_tuple().unwrap_or(&[]);
    let inner = if items.is_empty() {
        "()".to_string()
    } else {
        items.iter().map(repr_item).collect::<PyResult<Vec<_>>>()?.join(", ")
    };
    Ok(Value::from(format!("{}[{inner}]", repr_item(&g.origin)?)))
}

/// Calling an alias makes an instance of its origin (and records the alias as `__orig_class__` when the
/// instance allows it).
fn alias_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__call__' of 'types.GenericAlias' object needs an argument"));
    };
    let g = alias_of(this)?;
    let r = ops::call::call(&g.origin, &args[1..], kwargs)?;
    let _ = ops::attr::setattr_str(&r, "__orig_class__", this.clone());
    Ok(r)
}

/// Attribute reads: the alias's own (`__origin__`, `__args__`, `__parameters__`, ...), else the origin's.
fn alias_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__getattribute__", args, kwargs).exact(2)?;
    let g = alias_of(&a[0])?;
    let name = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[1].type_name())))?;
    match name {
        "__origin__" => Ok(g.origin.clone()),
        "__args__" => Ok(g.args.clone()),
        "__parameters__" => Ok(tuple::new_tuple(Vec::new())),
        "__unpacked__" => Ok(Value::Bool(false)),
        "__class__" => Ok(Value::Obj(alias_type().clone())),
        _ if name.starts_with("__")
            && name.ends_with("__")
            && name != "__doc__"
            && name != "__name__"
            && name != "__qualname__"
            && name != "__module__" =>
        {
            ops::attr::generic_getattr(&a[0], name)
        }
        _ => ops::attr::getattr_str(&g.origin, name),
    }
}

fn alias_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__eq__", args, kwargs).exact(2)?;
    let g = alias_of(&a[0])?;
    let Some(h) = a[1].payload().and_then(|p| p.native::<GenericAliasObj>()) else {
        return Ok(Value::Obj(types().not_implemented.clone()));
    };
    Ok(Value::Bool(g.origin.is(&h.origin) && ops::compare::eq_bool(&g.args, &h.args)?))
}

fn alias_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = alias_eq(args, kwargs)?;
    Ok(match r {
        Value::Bool(b) => Value::Bool(!b),
        other => other,
    })
}

fn alias_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__hash__", args, kwargs).exact(1)?;
    let g = alias_of(&a[0])?;
    Ok(Value::Int(ops::hash::hash(&g.origin)? ^ ops::hash::hash(&g.args)?))
}

/// `class C(list[int])` derives from `list`.
fn alias_mro_entries(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__mro_entries__", args, kwargs).exact(2)?;
    Ok(tuple::new_tuple_array([alias_of(&a[0])?.origin.clone()]))
}

fn alias_instancecheck(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn alias_subclasscheck(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

/// `cls.__class_getitem__(item)` of the built-in generic classes.
fn class_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__class_getitem__", args, kwargs).exact(2)?;
    Ok(new_alias(a[0].clone(), a[1].clone()))
}

/// Gives a native type CPython's `__class_getitem__` class method (`re.Pattern[str]`, `os.DirEntry[str]`).
pub fn add_class_getitem(ty: &ObjRef) {
    let f = crate::builtins::function::new_builtin("__class_getitem__", class_getitem, Some(ty.clone()));
    crate::builtins::dict::set_str(&type_obj(ty).dict, "__class_getitem__", crate::builtins::object::class_method(f));
    type_::modified(ty);
}

/// Gives the built-in generic classes their `__class_getitem__` (a class method, as in CPython).
pub fn register() {
    let t = types();
    // `type[int]` is special-cased by subscription itself (`type` has no `__class_getitem__`).
    let f = crate::builtins::function::new_builtin("__class_getitem__", class_getitem, Some(t.type_.clone()));
    let cm = crate::builtins::object::class_method(f);
    for ty in [&t.list, &t.dict, &t.tuple, &t.set, &t.frozenset, &t.dict_keys, &t.dict_values, &t.dict_items] {
        crate::builtins::dict::set_str(&type_obj(ty).dict, "__class_getitem__", cm.clone());
        type_::modified(ty);
    }
}
