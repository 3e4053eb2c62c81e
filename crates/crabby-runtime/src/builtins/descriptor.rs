//! `property`, `classmethod` and `staticmethod`: the descriptors classes are built from. How they bind is in
//! `ops::attr::bind_descriptor`; this file holds their payload and methods.

use crate::builtins::{add_methods, types};
use crate::error::{type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

pub enum DescriptorObj {
    Property { fget: Value, fset: Value, fdel: Value, doc: Value },
    ClassMethod(Value),
    StaticMethod(Value),
}

fn property_parts(v: &Value) -> PyResult<(Value, Value, Value, Value)> {
    match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { fget, fset, fdel, doc })) => {
            Ok((fget.clone(), fset.clone(), fdel.clone(), doc.clone()))
        }
        _ => Err(type_error(format!("descriptor requires a 'property' object but received a '{}'", v.type_name()))),
    }
}

fn new_property(fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    // A property made from a getter takes the getter's docstring when none is given, as CPython does.
    let doc = if doc.is_none() && !fget.is_none() {
        crate::ops::attr::getattr_opt(&fget, "__doc__").ok().flatten().unwrap_or(Value::None)
    } else {
        doc
    };
    Value::Obj(ObjRef::new(&types().property, Payload::Descriptor(DescriptorObj::Property { fget, fset, fdel, doc })))
}

/// `property(fget, fset, fdel, doc)`.
pub fn make_property(fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    new_property(fget, fset, fdel, doc)
}

fn one(args: &[Value], name: &str) -> PyResult<Value> {
    match args {
        [_, f] => Ok(f.clone()),
        _ => Err(type_error(format!("{name}() takes exactly one argument ({} given)", args.len().saturating_sub(1)))),
    }
}

fn getter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "getter")?;
    let (_, s, d, doc) = property_parts(&args[0])?;
    Ok(new_property(f, s, d, doc))
}

fn setter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "setter")?;
    let (g, _, d, doc) = property_parts(&args[0])?;
    Ok(new_property(g, f, d, doc))
}

fn deleter(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = one(args, "deleter")?;
    let (g, s, _, doc) = property_parts(&args[0])?;
    Ok(new_property(g, s, f, doc))
}

/// Attributes of descriptor objects (`fget`, `__func__`, ...), looked up by `ops::attr`.
pub fn descriptor_attr(d: &DescriptorObj, name: &str) -> Option<Value> {
    match (d, name) {
        (DescriptorObj::Property { fget, .. }, "fget") => Some(fget.clone()),
        (DescriptorObj::Property { fset, .. }, "fset") => Some(fset.clone()),
        (DescriptorObj::Property { fdel, .. }, "fdel") => Some(fdel.clone()),
        (DescriptorObj::Property { doc, .. }, "__doc__") => Some(doc.clone()),
        (DescriptorObj::ClassMethod(f) | DescriptorObj::StaticMethod(f), "__func__" | "__wrapped__") => Some(f.clone()),
        (DescriptorObj::ClassMethod(f) | DescriptorObj::StaticMethod(f), "__name__" | "__qualname__" | "__doc__") => {
            crate::ops::attr::getattr_opt(f, name).ok().flatten()
        }
        _ => None,
    }
}

pub fn register() {
    add_methods(&types().property, &[("getter", getter), ("setter", setter), ("deleter", deleter)]);
}
