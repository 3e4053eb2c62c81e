//! Attribute access: `object.__getattribute__` and `type.__getattribute__` (descriptors, instance `__dict__`,
//! class attributes, `__getattr__`), `setattr` and `delattr`.

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::exceptions::{self, exc_obj};
use crate::builtins::function::{bind_builtin, func_obj, new_bound_method};
use crate::builtins::type_::{self, type_obj};
use crate::builtins::{dict, str::new_str, tuple, types};
use crate::error::{attribute_error, type_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// `getattr(v, name)` for a name given as a `str` value.
pub fn getattr(v: &Value, name: &Value) -> PyResult<Value> {
    getattr_str(v, name.as_str().unwrap_or(""))
}

fn is_data_descriptor(d: &Value) -> bool {
    match d.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { .. })) => true,
        Some(_) if type_obj(d.ty()).heap => {
            type_::lookup(d.ty(), "__set__").is_some() || type_::lookup(d.ty(), "__delete__").is_some()
        }
        _ => false,
    }
}

/// Applies a descriptor found on a type to an instance (`instance` is `None` for lookups on the class).
pub fn bind_descriptor(d: Value, instance: Option<&Value>, owner: &Value) -> PyResult<Value> {
    match d.payload() {
        Some(Payload::Function(_)) => Ok(match instance {
            Some(i) => new_bound_method(d.clone(), i.clone()),
            None => d,
        }),
        Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => Ok(match instance {
            Some(i) => bind_builtin(b, i.clone()),
            None => d.clone(),
        }),
        Some(Payload::Descriptor(DescriptorObj::ClassMethod(f))) => Ok(new_bound_method(f.clone(), owner.clone())),
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => Ok(f.clone()),
        Some(Payload::Descriptor(DescriptorObj::Property { fget, .. })) => match instance {
            None => Ok(d.clone()),
            Some(i) => {
                if fget.is_none() {
                    return Err(attribute_error("property has no getter"));
                }
                ops::call::call(fget, std::slice::from_ref(i), &[])
            }
        },
        Some(_) if type_obj(d.ty()).heap => match type_::lookup(d.ty(), "__get__") {
            Some(get) => {
                let inst = instance.cloned().unwrap_or(Value::None);
                ops::call::call_with_self(&get, &d, &[inst, owner.clone()], &[])
            }
            None => Ok(d),
        },
        _ => Ok(d),
    }
}

/// Attributes that live in payloads rather than in namespaces.
fn payload_attr(v: &Value, name: &str) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(Value::Obj(v.ty().clone())));
    }
    let Value::Obj(o) = v else {
        return Ok(match (v, name) {
            (Value::Int(_) | Value::Bool(_), "real" | "numerator") => Some(ops::number::index(v)?),
            (Value::Int(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
            (Value::Float(_), "real") => Some(v.clone()),
            (Value::Float(_), "imag") => Some(Value::Float(0.0)),
            _ => None,
        });
    };
    if name == "__dict__" {
        if let Some(d) = &o.dict {
            return Ok(Some(Value::Obj(d.clone())));
        }
        if let Payload::Type(t) = &o.payload {
            return Ok(Some(dict::copy(&t.dict)));
        }
    }
    Ok(match (&o.payload, name) {
        (Payload::Int(_), "real" | "numerator") => Some(ops::number::index(v)?),
        (Payload::Int(_), "imag") => Some(Value::Int(0)),
        (Payload::Int(_), "denominator") => Some(Value::Int(1)),
        (Payload::Function(f), "__name__") => Some(f.name.read().clone()),
        (Payload::Function(f), "__qualname__") => Some(f.qualname.read().clone()),
        (Payload::Function(f), "__doc__") => Some(f.doc.read().clone()),
        (Payload::Function(f), "__module__") => Some(dict::get_str(&f.globals, "__name__").unwrap_or(Value::None)),
        (Payload::Function(f), "__defaults__") => {
            let d = f.defaults.read();
            Some(if d.is_empty() { Value::None } else { tuple::new_tuple(d.clone()) })
        }
        (Payload::Function(f), "__kwdefaults__") => {
            let d = f.kwdefaults.read();
            if d.is_empty() {
                Some(Value::None)
            } else {
                let out = dict::new_dict_obj();
                for (k, val) in d.iter() {
                    dict::set_str(&out, k, val.clone());
                }
                Some(Value::Obj(out))
            }
        }
        (Payload::Function(f), "__globals__") => Some(Value::Obj(f.globals.clone())),
        (Payload::BuiltinFunction(b), "__name__" | "__qualname__") => Some(new_str(b.name)),
        (Payload::BuiltinFunction(b), "__self__") => Some(b.bound_self.clone().unwrap_or(Value::None)),
        (Payload::BoundMethod(m), "__self__") => Some(m.this.clone()),
        (Payload::BoundMethod(m), "__func__") => Some(m.func.clone()),
        (Payload::BoundMethod(m), _) if name.starts_with("__") && name != "__call__" => {
            return getattr_str(&m.func, name).map(Some).or(Ok(None))
        }
        (Payload::Type(t), "__name__") => Some(new_str(&t.name.read())),
        (Payload::Type(t), "__qualname__") => Some(new_str(&t.qualname.read())),
        (Payload::Type(t), "__mro__") => Some(tuple::new_tuple(t.mro.read().iter().cloned().map(Value::Obj).collect())),
        (Payload::Type(t), "__bases__") => Some(tuple::new_tuple(t.bases.read().iter().cloned().map(Value::Obj).collect())),
        (Payload::Type(t), "__base__") => Some(t.bases.read().first().cloned().map_or(Value::None, Value::Obj)),
        (Payload::Type(t), "__module__") => Some(dict::get_str(&t.dict, "__module__").unwrap_or_else(|| new_str("builtins"))),
        (Payload::Type(t), "__doc__") => Some(dict::get_str(&t.dict, "__doc__").unwrap_or(Value::None)),
        (Payload::Exception(e), "args") => Some(e.args.read().clone()),
        (Payload::Exception(e), "__cause__") => Some(e.cause.read().clone()),
        (Payload::Exception(e), "__context__") => Some(e.context.read().clone()),
        (Payload::Exception(e), "__suppress_context__") => {
            // Relaxed: a plain flag read after the raise completed.
            Some(Value::Bool(e.suppress_context.load(std::sync::atomic::Ordering::Relaxed)))
        }
        (Payload::Exception(_), "__traceback__") => Some(Value::None),
        (Payload::Exception(e), "code") if type_::is_subtype(o.ty(), exceptions::exc_type(exceptions::ExcKind::SystemExit)) => {
            Some(exc_single_arg(&e.args.read()))
        }
        (Payload::Exception(e), "value") if type_::is_subtype(o.ty(), exceptions::exc_type(exceptions::ExcKind::StopIteration)) => {
            Some(e.args.read().as_tuple().and_then(|t| t.first().cloned()).unwrap_or(Value::None))
        }
        (Payload::Slice(s), "start") => Some(s.start.clone()),
        (Payload::Slice(s), "stop") => Some(s.stop.clone()),
        (Payload::Slice(s), "step") => Some(s.step.clone()),
        (Payload::Range(r), "start") => Some(Value::Int(r.start)),
        (Payload::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Payload::Range(r), "step") => Some(Value::Int(r.step)),
        (Payload::Float(f), "real") => Some(Value::Float(*f)),
        (Payload::Float(_), "imag") => Some(Value::Float(0.0)),
        (Payload::Complex(re, _), "real") => Some(Value::Float(*re)),
        (Payload::Complex(_, im), "imag") => Some(Value::Float(*im)),
        (Payload::Descriptor(d), _) => crate::builtins::descriptor::descriptor_attr(d, name),
        (Payload::Generator(g), "gi_code" | "cr_code" | "ag_code") => Some(crate::builtins::code::code_object(g.code)),
        (Payload::Generator(g), _) => crate::builtins::generator::gen_attr(g, name),
        (Payload::Code(c), _) => crate::builtins::code::code_attr(c, name),
        (Payload::Function(f), "__code__") => Some(crate::builtins::code::code_object(f.code)),
        _ => None,
    })
}

/// `SystemExit.code`: None for no args, the argument for one, the tuple for several.
pub fn exc_single_arg(args: &Value) -> Value {
    match args.as_tuple() {
        Some([]) | None => Value::None,
        Some([one]) => one.clone(),
        Some(_) => args.clone(),
    }
}

fn no_attribute(v: &Value, name: &str) -> crate::error::PyErr {
    match v.payload() {
        Some(Payload::Type(t)) => attribute_error(format!("type object '{}' has no attribute '{name}'", t.name.read())),
        Some(Payload::Module(m)) => attribute_error(format!("module '{}' has no attribute '{name}'", m.name)),
        _ => attribute_error(format!("'{}' object has no attribute '{name}'", v.type_name())),
    }
}

/// `getattr(v, name)`.
pub fn getattr_str(v: &Value, name: &str) -> PyResult<Value> {
    match v.payload() {
        Some(Payload::Type(_)) => return type_getattr(v, name),
        Some(Payload::Super(s)) => return crate::builtins::super_::super_getattr(s, name),
        _ => {}
    }
    let ty = v.ty();
    let heap = type_obj(ty).heap;
    if heap {
        if let Some(ga) = type_::lookup(ty, "__getattribute__") {
            if matches!(ga.payload(), Some(Payload::Function(_))) {
                return with_getattr_fallback(v, name, ops::call::call_with_self(&ga, v, &[new_str(name)], &[]));
            }
        }
    }
    let r = generic_getattr(v, name);
    if heap {
        return with_getattr_fallback(v, name, r);
    }
    r
}

fn with_getattr_fallback(v: &Value, name: &str, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) if e.matches(exceptions::ExcKind::AttributeError) => match type_::lookup(v.ty(), "__getattr__") {
            Some(f) => ops::call::call_with_self(&f, v, &[new_str(name)], &[]),
            None => Err(e),
        },
        r => r,
    }
}

/// `object.__getattribute__`.
pub fn generic_getattr(v: &Value, name: &str) -> PyResult<Value> {
    let ty = v.ty();
    let descr = type_::lookup(ty, name);
    if let Some(d) = &descr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), Some(v), &Value::Obj(ty.clone()));
        }
    }
    if let Value::Obj(o) = v {
        if let Some(d) = &o.dict {
            if let Some(x) = dict::get_str(d, name) {
                return Ok(x);
            }
        }
    }
    if let Some(d) = descr {
        return bind_descriptor(d, Some(v), &Value::Obj(ty.clone()));
    }
    if let Some(x) = payload_attr(v, name)? {
        return Ok(x);
    }
    Err(no_attribute(v, name))
}

/// `type.__getattribute__`: attributes of a class object.
fn type_getattr(t: &Value, name: &str) -> PyResult<Value> {
    let tobj = t.as_obj().expect("type object");
    let meta = tobj.ty();
    let meta_attr = type_::lookup(meta, name);
    if let Some(d) = &meta_attr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), Some(t), &Value::Obj(meta.clone()));
        }
    }
    if let Some(x) = payload_attr(t, name)? {
        return Ok(x);
    }
    if let Some(d) = type_::lookup(tobj, name) {
        return bind_descriptor(d, None, t);
    }
    if let Some(d) = meta_attr {
        return bind_descriptor(d, Some(t), &Value::Obj(meta.clone()));
    }
    Err(no_attribute(t, name))
}

/// `setattr(v, name, value)`.
pub fn setattr(v: &Value, name: &Value, value: Value) -> PyResult<()> {
    setattr_str(v, name.as_str().unwrap_or(""), value)
}

pub fn setattr_str(v: &Value, name: &str, value: Value) -> PyResult<()> {
    let ty = v.ty();
    if type_obj(ty).heap {
        if let Some(sa) = type_::lookup(ty, "__setattr__") {
            if matches!(sa.payload(), Some(Payload::Function(_))) {
                ops::call::call_with_self(&sa, v, &[new_str(name), value], &[])?;
                return Ok(());
            }
        }
    }
    generic_setattr(v, name, value)
}

/// `object.__setattr__`.
pub fn generic_setattr(v: &Value, name: &str, value: Value) -> PyResult<()> {
    let ty = v.ty();
    if let Some(d) = type_::lookup(ty, name) {
        match d.payload() {
            Some(Payload::Descriptor(DescriptorObj::Property { fset, .. })) => {
                if fset.is_none() {
                    return Err(attribute_error(format!(
                        "property '{name}' of '{}' object has no setter",
                        v.type_name()
                    )));
                }
                ops::call::call(fset, &[v.clone(), value], &[])?;
                return Ok(());
            }
            Some(_) if type_obj(d.ty()).heap => {
                if let Some(set) = type_::lookup(d.ty(), "__set__") {
                    ops::call::call_with_self(&set, &d, &[v.clone(), value], &[])?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    let Value::Obj(o) = v else {
        return Err(no_attribute(v, name));
    };
    match &o.payload {
        Payload::Type(t) => {
            if !t.heap {
                return Err(type_error(format!(
                    "cannot set '{name}' attribute of immutable type '{}'",
                    t.name.read()
                )));
            }
            dict::set_str(&t.dict, name, value);
            t.modified();
            return Ok(());
        }
        Payload::Function(f) => match name {
            "__name__" => {
                *f.name.write() = value;
                return Ok(());
            }
            "__qualname__" => {
                *f.qualname.write() = value;
                return Ok(());
            }
            "__doc__" => {
                *f.doc.write() = value;
                return Ok(());
            }
            _ => {}
        },
        Payload::Exception(e) => match name {
            "args" => {
                *e.args.write() = tuple::new_tuple(ops::iter::collect(&value)?);
                return Ok(());
            }
            "__cause__" => {
                *e.cause.write() = value;
                // Relaxed: see `exceptions::set_cause`.
                e.suppress_context.store(true, std::sync::atomic::Ordering::Relaxed);
                return Ok(());
            }
            "__context__" => {
                *e.context.write() = value;
                return Ok(());
            }
            "__suppress_context__" => {
                let b = ops::truthy(&value)?;
                // Relaxed: see `exceptions::set_cause`.
                e.suppress_context.store(b, std::sync::atomic::Ordering::Relaxed);
                return Ok(());
            }
            _ => {}
        },
        _ => {}
    }
    match &o.dict {
        Some(d) => {
            dict::set_str(d, name, value);
            Ok(())
        }
        None => Err(no_attribute(v, name)),
    }
}

/// `delattr(v, name)`.
pub fn delattr(v: &Value, name: &Value) -> PyResult<()> {
    let name_s = name.as_str().unwrap_or("");
    let ty = v.ty();
    if type_obj(ty).heap {
        if let Some(da) = type_::lookup(ty, "__delattr__") {
            if matches!(da.payload(), Some(Payload::Function(_))) {
                ops::call::call_with_self(&da, v, std::slice::from_ref(name), &[])?;
                return Ok(());
            }
        }
        if let Some(d) = type_::lookup(ty, name_s) {
            if let Some(Payload::Descriptor(DescriptorObj::Property { fdel, .. })) = d.payload() {
                if fdel.is_none() {
                    return Err(attribute_error(format!(
                        "property '{name_s}' of '{}' object has no deleter",
                        v.type_name()
                    )));
                }
                ops::call::call(fdel, std::slice::from_ref(v), &[])?;
                return Ok(());
            }
        }
    }
    if let Value::Obj(o) = v {
        if let Payload::Type(t) = &o.payload {
            if t.heap && dict::remove(&t.dict, name)?.is_some() {
                t.modified();
                return Ok(());
            }
        }
        if let Some(d) = &o.dict {
            if dict::remove(d, name)?.is_some() {
                return Ok(());
            }
        }
    }
    Err(no_attribute(v, name_s))
}

/// `hasattr`-style probe: `Ok(None)` when the attribute is missing.
pub fn getattr_opt(v: &Value, name: &str) -> PyResult<Option<Value>> {
    match getattr_str(v, name) {
        Ok(x) => Ok(Some(x)),
        Err(e) if e.matches(exceptions::ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

#[allow(dead_code)]
fn _keep() {
    let _ = func_obj;
    let _ = exc_obj;
    let _ = types;
}
