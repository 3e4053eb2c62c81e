//! `types.SimpleNamespace`: an object whose attributes are its keyword arguments. `sys.implementation` is one,
//! and `types.py` finds the type through it (`SimpleNamespace = type(sys.implementation)`).
//!
//! Instances are plain objects with a `__dict__` (layout `object`), so subclasses defined in Python get the
//! ordinary instance machinery; this file adds CPython's `__init__`, `__repr__`, `__eq__` and `__reduce__`.

use std::sync::OnceLock;

use crate::builtins::list::ReprGuard;
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, dict, tuple, types};
use crate::error::{type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// The `types.SimpleNamespace` type object.
pub fn namespace_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let t = types();
        let mut tobj = TypeObj::new("SimpleNamespace", Layout::Object, dict::new_dict_obj(), vec![t.object.clone()]);
        tobj.basetype = true;
        tobj.instance_dict = true;
        let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
        *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
        let d = &type_obj(&ty).dict;
        dict::set_str(d, "__module__", Value::from("types"));
        dict::set_str(d, "__doc__", Value::from("A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)"));
        // Defining `__eq__` makes instances unhashable, as in CPython.
        dict::set_str(d, "__hash__", Value::None);
        dict::set_str(d, "__dict__", crate::builtins::descriptor::new_getset(&ty, "__dict__"));
        let new = crate::builtins::function::new_builtin("__new__", m_new, Some(ty.clone()));
        dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
        add_methods(&ty, &[("__init__", m_init), ("__repr__", m_repr), ("__eq__", m_eq), ("__reduce__", m_reduce)]);
        ty
    })
}

/// A new `SimpleNamespace` holding `attrs` in order.
pub fn new_namespace(attrs: &[(&str, Value)]) -> Value {
    let storage = dict::new_dict_obj();
    for (k, v) in attrs {
        dict::set_str(&storage, k, v.clone());
    }
    Value::Obj(ObjRef::with_dict(
        namespace_type(),
        Payload::Instance(crate::builtins::instance::InstAttrs::none()),
        Some(storage),
    ))
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if type_::is_subtype(v.ty(), namespace_type()) => Ok(v),
        Some(v) => Err(type_error(format!(
            "descriptor '{method}' requires a 'types.SimpleNamespace' object but received a '{}'",
            v.type_name()
        ))),
        None => Err(type_error(format!("descriptor '{method}' of 'types.SimpleNamespace' object needs an argument"))),
    }
}

fn instance_dict(v: &Value) -> Option<ObjRef> {
    v.as_obj().and_then(type_::instance_dict)
}

/// `SimpleNamespace.__new__(cls, ...)`: an empty instance of `cls`.
// NOTE: calling the exact type reaches only `__new__` (crabby constructs native types through it alone), so
// for that type `__new__` also applies the keyword arguments `__init__` would; `SimpleNamespace.__new__(cls,
// a=1)` called explicitly therefore sets `a`, where CPython's ignores its arguments.
fn m_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) else {
        return Err(type_error("SimpleNamespace.__new__(X): X is not a type object"));
    };
    if !type_::is_subtype(cls, namespace_type()) {
        return Err(type_error(format!(
            "SimpleNamespace.__new__({0}): {0} is not a subtype of SimpleNamespace",
            type_::type_name(cls)
        )));
    }
    let obj = Value::Obj(crate::builtins::object::alloc(
        cls,
        Payload::Instance(crate::builtins::instance::InstAttrs::none()),
    ));
    if cls.ptr_eq(namespace_type()) {
        let mut init_args = vec![obj.clone()];
        init_args.extend_from_slice(&args[1..]);
        m_init(&init_args, kwargs)?;
    }
    Ok(obj)
}

fn m_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, "__init__")?;
    if args.len() > 1 {
        return Err(type_error("no positional arguments expected"));
    }
    let d = instance_dict(this).expect("SimpleNamespace instances have a __dict__");
    for (k, v) in kwargs {
        if k.as_str().is_none() {
            return Err(type_error("keywords must be strings"));
        }
        dict::set(&d, k.clone(), v.clone())?;
    }
    Ok(Value::None)
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, "__repr__")?;
    ops::args::Args::new("__repr__", args, kwargs).exact(1)?;
    let ty = this.ty();
    let name = if ty.ptr_eq(namespace_type()) { "namespace".to_string() } else { type_::type_name(ty) };
    let Some(_g) = ReprGuard::enter(this.as_obj().expect("object").addr()) else {
        return Ok(Value::from(format!("{name}(...)")));
    };
    let mut parts = Vec::new();
    if let Some(d) = instance_dict(this) {
        for (k, v) in dict::items(&d) {
            // CPython shows only the non-empty string keys.
            if let Some(key) = k.as_str().filter(|s| !s.is_empty()) {
                parts.push(format!("{key}={}", ops::format::repr(&v)?));
            }
        }
    }
    Ok(Value::from(format!("{name}({})", parts.join(", "))))
}

fn m_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, "__eq__")?;
    let a = ops::args::Args::new("__eq__", args, kwargs).exact(2)?;
    let other = &a[1];
    if !type_::is_subtype(other.ty(), namespace_type()) {
        return Ok(Value::Obj(types().not_implemented.clone()));
    }
    match (instance_dict(this), instance_dict(other)) {
        (Some(x), Some(y)) => ops::compare::richcmp(&Value::Obj(x), &Value::Obj(y), ops::compare::CmpOp::Eq),
        _ => Ok(Value::Bool(false)),
    }
}

/// `__reduce__`: `(type(self), (), self.__dict__)`.
fn m_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, "__reduce__")?;
    ops::args::Args::new("__reduce__", args, kwargs).exact(1)?;
    let state = instance_dict(this).map_or(Value::None, Value::Obj);
    Ok(tuple::new_tuple_array([Value::Obj(this.ty().clone()), tuple::new_tuple(Vec::new()), state]))
}
