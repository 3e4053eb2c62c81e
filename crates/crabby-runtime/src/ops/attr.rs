//! Attribute access: `object.__getattribute__` and `type.__getattribute__` (data descriptors, the instance
//! `__dict__` or slots, non-data descriptors, class attributes, the `__getattr__` fallback), `setattr` and
//! `delattr` with user `__setattr__`/`__delattr__` and descriptors' `__set__`/`__delete__`, as CPython does.

use crate::builtins::descriptor::{self, DescriptorObj};
use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::function::{bind_builtin, new_bound_method};
use crate::builtins::type_::{self, native_is, type_obj};
use crate::builtins::{dict, str::new_str, tuple, types};
use crate::error::{attribute_error, type_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// `getattr(v, name)` for a name given as a `str` value.
pub fn getattr(v: &Value, name: &Value) -> PyResult<Value> {
    match name.as_str() {
        Some(n) => getattr_str(v, n),
        None => Err(type_error(format!("attribute name must be string, not '{}'", name.type_name()))),
    }
}

/// Whether a value found on a type is a descriptor of user class `ty` with `__get__` and `__set__` or
/// `__delete__` (CPython's "data descriptor" test for heap types).
fn heap_data_descriptor(d: &Value) -> bool {
    let ty = d.ty();
    type_obj(ty).heap
        && type_::lookup(ty, "__get__").is_some()
        && (type_::lookup(ty, "__set__").is_some() || type_::lookup(ty, "__delete__").is_some())
}

/// Whether `d`, found on a type, takes precedence over the instance `__dict__`.
fn is_data_descriptor(d: &Value) -> bool {
    match d.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { .. } | DescriptorObj::Member { .. } | DescriptorObj::GetSet { .. })) => {
            true
        }
        Some(Payload::Function(_) | Payload::BuiltinFunction(_) | Payload::Str(_)) | None => false,
        Some(_) => heap_data_descriptor(d),
    }
}

/// Applies a descriptor found on a type to an instance (`instance` is `None` for lookups on the class).
pub fn bind_descriptor(d: Value, instance: Option<&Value>, owner: &Value) -> PyResult<Value> {
    match d.payload() {
        None | Some(Payload::Str(_) | Payload::Int(_) | Payload::Tuple(_) | Payload::Type(_)) => Ok(d),
        Some(Payload::Function(_)) => Ok(match instance {
            Some(i) => new_bound_method(d.clone(), i.clone()),
            None => d,
        }),
        Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => Ok(match instance {
            Some(i) => bind_builtin(b, i.clone()),
            None => d.clone(),
        }),
        Some(Payload::Descriptor(DescriptorObj::ClassMethod(f))) => {
            let cls = match (owner, instance) {
                (Value::None, Some(i)) => Value::Obj(i.ty().clone()),
                _ => owner.clone(),
            };
            Ok(new_bound_method(f.clone(), cls))
        }
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) => Ok(f.clone()),
        Some(Payload::Descriptor(DescriptorObj::Property { fget, .. })) => match instance {
            None => Ok(d.clone()),
            Some(i) => {
                if fget.is_none() {
                    return Err(attribute_error(format!("property of '{}' object has no getter", i.type_name())));
                }
                ops::call::call(fget, std::slice::from_ref(i), &[])
            }
        },
        Some(p @ Payload::Descriptor(dd @ (DescriptorObj::Member { .. } | DescriptorObj::GetSet { .. }))) => match instance {
            None => Ok(d.clone()),
            Some(i) => {
                if let Some((o, n)) = descriptor::slot_owner(dd) {
                    if !type_::is_subtype(i.ty(), o) {
                        return Err(type_error(format!(
                            "descriptor '{n}' for '{}' objects doesn't apply to a '{}' object",
                            type_::type_name(o),
                            i.type_name()
                        )));
                    }
                }
                descriptor::descriptor_get(Some(p), i)
            }
        },
        Some(_) if type_obj(d.ty()).heap => match type_::lookup(d.ty(), "__get__") {
            Some(get) => {
                let inst = instance.cloned().unwrap_or(Value::None);
                type_::call_special(&get, &d, &[inst, owner.clone()], &[])
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
    if name == "__dict__" && !matches!(o.payload, Payload::Type(_)) {
        if let Some(d) = type_::instance_dict(o) {
            return Ok(Some(Value::Obj(d)));
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
        (Payload::BuiltinFunction(b), "__name__") => Some(new_str(b.name)),
        (Payload::BuiltinFunction(b), "__qualname__") => Some(match &b.owner {
            Some(t) => new_str(&format!("{}.{}", type_obj(t).qualname.read(), b.name)),
            None => new_str(b.name),
        }),
        (Payload::BuiltinFunction(b), "__self__") => Some(b.bound_self.clone().unwrap_or(Value::None)),
        (Payload::BuiltinFunction(_), "__doc__" | "__module__") => Some(Value::None),
        (Payload::BoundMethod(m), "__self__") => Some(m.this.clone()),
        (Payload::BoundMethod(m), "__func__") => Some(m.func.clone()),
        // Other attributes of a bound method are its function's (CPython's `method_getattro`).
        (Payload::BoundMethod(m), _) => return getattr_str(&m.func, name).map(Some),
        (Payload::Type(_), _) => type_::type_special_attr(o, name),
        (Payload::Exception(e), "args") => Some(e.args.read().clone()),
        (Payload::Exception(e), "__cause__") => Some(e.cause.read().clone()),
        (Payload::Exception(e), "__context__") => Some(e.context.read().clone()),
        (Payload::Exception(e), "__suppress_context__") => {
            // Relaxed: a plain flag read after the raise completed.
            Some(Value::Bool(e.suppress_context.load(std::sync::atomic::Ordering::Relaxed)))
        }
        (Payload::Exception(_), "__traceback__") => Some(Value::None),
        (Payload::Exception(e), "code") if type_::is_subtype(o.ty(), exceptions::exc_type(ExcKind::SystemExit)) => {
            Some(exc_single_arg(&e.args.read()))
        }
        (Payload::Exception(e), "value") if type_::is_subtype(o.ty(), exceptions::exc_type(ExcKind::StopIteration)) => {
            Some(e.args.read().as_tuple().and_then(|t| t.first().cloned()).unwrap_or(Value::None))
        }
        (Payload::Slice(s), "start") => Some(s.start.clone()),
        (Payload::Slice(s), "stop") => Some(s.stop.clone()),
        (Payload::Slice(s), "step") => Some(s.step.clone()),
        (Payload::Float(f), "real") => Some(Value::Float(*f)),
        (Payload::Float(_), "imag") => Some(Value::Float(0.0)),
        (Payload::Complex(re, _), "real") => Some(Value::Float(*re)),
        (Payload::Complex(_, im), "imag") => Some(Value::Float(*im)),
        (Payload::Descriptor(d), _) => descriptor::descriptor_attr(d, name),
        (Payload::Generator(g), "gi_code" | "cr_code" | "ag_code") => Some(crate::builtins::code::code_object(g.code)),
        (Payload::Generator(g), _) => crate::builtins::generator::gen_attr(g, name),
        (Payload::Code(c), _) => crate::builtins::code::code_attr(c, name),
        (Payload::Function(f), "__code__") => Some(crate::builtins::code::code_object(f.code)),
        (Payload::Super(s), _) => crate::builtins::super_::super_attr(s, name),
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

/// CPython's AttributeError for a missing attribute, with `name` and `obj` set (tracebacks use them for
/// their "Did you mean" suggestion).
pub fn no_attribute(v: &Value, name: &str) -> PyErr {
    let e = match v.payload() {
        Some(Payload::Type(t)) => attribute_error(format!("type object '{}' has no attribute '{name}'", t.name.read())),
        Some(Payload::Module(m)) => attribute_error(format!("module '{}' has no attribute '{name}'", m.name)),
        _ => attribute_error(format!("'{}' object has no attribute '{name}'", v.type_name())),
    };
    if let Some(d) = &e.exc.dict {
        dict::set_str(d, "name", new_str(name));
        dict::set_str(d, "obj", v.clone());
    }
    e
}

/// `getattr(v, name)`.
pub fn getattr_str(v: &Value, name: &str) -> PyResult<Value> {
    let ty = v.ty();
    let t = type_obj(ty);
    match v.payload() {
        Some(Payload::Type(_)) => {
            if t.heap {
                return heap_getattr(v, name, &types().type_);
            }
            return type_getattr(v, name);
        }
        Some(Payload::Super(s)) => return crate::builtins::super_::super_getattr(v, s, name),
        _ => {}
    }
    if t.heap {
        return heap_getattr(v, name, &types().object);
    }
    generic_getattr(v, name)
}

/// Attribute access on an instance of a user class (or on a class whose metaclass is a user class):
/// `__getattribute__` unless it is `default_owner`'s, then `__getattr__` on AttributeError.
fn heap_getattr(v: &Value, name: &str, default_owner: &ObjRef) -> PyResult<Value> {
    let ty = v.ty();
    let r = match type_::lookup(ty, "__getattribute__") {
        Some(ga) if !native_is(&ga, default_owner, "__getattribute__") => {
            type_::call_special(&ga, v, &[new_str(name)], &[])
        }
        _ => {
            if matches!(v.payload(), Some(Payload::Type(_))) {
                type_getattr(v, name)
            } else {
                generic_getattr(v, name)
            }
        }
    };
    match r {
        Err(e) if e.matches(ExcKind::AttributeError) => match type_::lookup(ty, "__getattr__") {
            Some(f) => type_::call_special(&f, v, &[new_str(name)], &[]),
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
            if let Some(Payload::Descriptor(DescriptorObj::Property { fget: Value::None, .. })) = d.payload() {
                return Err(attribute_error(format!("property '{name}' of '{}' object has no getter", v.type_name())));
            }
            return bind_descriptor(d.clone(), Some(v), &Value::Obj(ty.clone()));
        }
    }
    if let Value::Obj(o) = v {
        let t = type_obj(ty);
        if t.slot_storage {
            if let Some(d) = type_::instance_dict(o) {
                if let Some(x) = dict::get_str(&d, name) {
                    return Ok(x);
                }
            }
        } else if let Some(d) = &o.dict {
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
pub fn type_getattr(t: &Value, name: &str) -> PyResult<Value> {
    let tobj = t.as_obj().expect("type object");
    let meta = tobj.ty();
    let meta_attr = type_::lookup(meta, name);
    if let Some(d) = &meta_attr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), Some(t), &Value::Obj(meta.clone()));
        }
    }
    if let Some(x) = type_::type_special_attr(tobj, name) {
        return Ok(x);
    }
    if let Some(d) = type_::lookup(tobj, name) {
        return bind_descriptor(d, None, t);
    }
    if let Some(d) = meta_attr {
        return bind_descriptor(d, Some(t), &Value::Obj(meta.clone()));
    }
    if let Some(x) = payload_attr(t, name)? {
        return Ok(x);
    }
    Err(no_attribute(t, name))
}

/// `setattr(v, name, value)`.
pub fn setattr(v: &Value, name: &Value, value: Value) -> PyResult<()> {
    match name.as_str() {
        Some(n) => setattr_str(v, n, value),
        None => Err(type_error(format!("attribute name must be string, not '{}'", name.type_name()))),
    }
}

pub fn setattr_str(v: &Value, name: &str, value: Value) -> PyResult<()> {
    let ty = v.ty();
    if type_obj(ty).heap {
        let default_owner = if matches!(v.payload(), Some(Payload::Type(_))) { &types().type_ } else { &types().object };
        if let Some(sa) = type_::lookup(ty, "__setattr__") {
            if !native_is(&sa, default_owner, "__setattr__") {
                type_::call_special(&sa, v, &[new_str(name), value], &[])?;
                return Ok(());
            }
        }
    }
    generic_setattr(v, name, value)
}

/// Calls a descriptor's `__set__` (`value` given) or `__delete__`; `Ok(false)` when `d` is not a data
/// descriptor and the instance's own storage should be used.
fn descriptor_store(d: &Value, v: &Value, name: &str, value: Option<Value>) -> PyResult<bool> {
    match d.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { fset, fdel, .. })) => {
            match value {
                Some(x) => {
                    if fset.is_none() {
                        return Err(attribute_error(format!("property '{name}' of '{}' object has no setter", v.type_name())));
                    }
                    ops::call::call(fset, &[v.clone(), x], &[])?;
                }
                None => {
                    if fdel.is_none() {
                        return Err(attribute_error(format!("property '{name}' of '{}' object has no deleter", v.type_name())));
                    }
                    ops::call::call(fdel, std::slice::from_ref(v), &[])?;
                }
            }
            Ok(true)
        }
        Some(p @ Payload::Descriptor(DescriptorObj::Member { owner, .. } | DescriptorObj::GetSet { owner, .. })) => {
            if !type_::is_subtype(v.ty(), owner) {
                return Err(type_error(format!(
                    "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
                    type_::type_name(owner),
                    v.type_name()
                )));
            }
            descriptor::descriptor_set(Some(p), v, value)?;
            Ok(true)
        }
        Some(Payload::Function(_) | Payload::BuiltinFunction(_) | Payload::Descriptor(_) | Payload::Str(_)) | None => Ok(false),
        Some(_) => {
            let dty = d.ty();
            if !type_obj(dty).heap {
                return Ok(false);
            }
            let set = type_::lookup(dty, "__set__");
            let del = type_::lookup(dty, "__delete__");
            if set.is_none() && del.is_none() {
                return Ok(false);
            }
            match value {
                Some(x) => match set {
                    Some(f) => type_::call_special(&f, d, &[v.clone(), x], &[])?,
                    None => return Err(attribute_error("__set__")),
                },
                None => match del {
                    Some(f) => type_::call_special(&f, d, std::slice::from_ref(v), &[])?,
                    None => return Err(attribute_error("__delete__")),
                },
            };
            Ok(true)
        }
    }
}

/// Setting or deleting an attribute of a class (`type.__setattr__` / `type.__delattr__`).
fn type_store(v: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let o = v.as_obj().expect("type");
    let t = type_obj(o);
    if !t.heap {
        return Err(type_error(format!("cannot set '{name}' attribute of immutable type '{}'", t.name.read())));
    }
    if let Some(r) = type_::set_type_special(o, name, value.as_ref()) {
        return r;
    }
    if let Some(d) = type_::lookup(v.ty(), name) {
        if descriptor_store(&d, v, name, value.clone())? {
            return Ok(());
        }
    }
    match value {
        Some(x) => {
            dict::set_str(&t.dict, name, x);
            t.modified();
            Ok(())
        }
        None => {
            if dict::remove(&t.dict, &Value::from(name))?.is_none() {
                return Err(no_attribute(v, name));
            }
            t.modified();
            Ok(())
        }
    }
}

/// `object.__setattr__`.
pub fn generic_setattr(v: &Value, name: &str, value: Value) -> PyResult<()> {
    if matches!(v.payload(), Some(Payload::Type(_))) {
        return type_store(v, name, Some(value));
    }
    let ty = v.ty();
    if let Some(d) = type_::lookup(ty, name) {
        if descriptor_store(&d, v, name, Some(value.clone()))? {
            return Ok(());
        }
    }
    let Value::Obj(o) = v else {
        return Err(no_attribute(v, name));
    };
    match &o.payload {
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
    if name == "__dict__" {
        if type_::instance_dict(o).is_some() {
            return type_::set_instance_dict(o, value);
        }
        return Err(no_attribute(v, name));
    }
    if name == "__class__" {
        return Err(crate::error::not_implemented("crabby does not support assigning __class__ yet"));
    }
    match type_::instance_dict(o) {
        Some(d) => {
            dict::set_str(&d, name, value);
            Ok(())
        }
        None => Err(no_attribute(v, name)),
    }
}

/// `delattr(v, name)`.
pub fn delattr(v: &Value, name: &Value) -> PyResult<()> {
    let Some(name_s) = name.as_str() else {
        return Err(type_error(format!("attribute name must be string, not '{}'", name.type_name())));
    };
    let ty = v.ty();
    if type_obj(ty).heap {
        let default_owner = if matches!(v.payload(), Some(Payload::Type(_))) { &types().type_ } else { &types().object };
        if let Some(da) = type_::lookup(ty, "__delattr__") {
            if !native_is(&da, default_owner, "__delattr__") {
                type_::call_special(&da, v, std::slice::from_ref(name), &[])?;
                return Ok(());
            }
        }
    }
    generic_delattr(v, name_s)
}

/// `object.__delattr__`.
pub fn generic_delattr(v: &Value, name: &str) -> PyResult<()> {
    if matches!(v.payload(), Some(Payload::Type(_))) {
        return type_store(v, name, None);
    }
    if let Some(d) = type_::lookup(v.ty(), name) {
        if descriptor_store(&d, v, name, None)? {
            return Ok(());
        }
    }
    if let Value::Obj(o) = v {
        if let Some(d) = type_::instance_dict(o) {
            if dict::remove(&d, &Value::from(name))?.is_some() {
                return Ok(());
            }
        }
    }
    Err(no_attribute(v, name))
}

/// `hasattr`-style probe: `Ok(None)` when the attribute is missing.
pub fn getattr_opt(v: &Value, name: &str) -> PyResult<Option<Value>> {
    match getattr_str(v, name) {
        Ok(x) => Ok(Some(x)),
        Err(e) if e.matches(ExcKind::AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The "Did you mean" hint CPython 3.12 adds to an uncaught AttributeError's message: the closest name in
/// `dir(obj)` by its Levenshtein distance (`traceback._compute_suggestion_error`).
pub fn attribute_suggestion(exc: &ObjRef) -> Option<String> {
    if !type_::is_subtype(exc.ty(), exceptions::exc_type(ExcKind::AttributeError)) {
        return None;
    }
    let d = exc.dict.as_ref()?;
    let wrong = dict::get_str(d, "name")?;
    let wrong = wrong.as_str()?.to_string();
    let obj = dict::get_str(d, "obj")?;
    let dir_f = crate::modules::builtins::lookup("dir")?;
    let names = ops::iter::collect(&ops::call::call(&dir_f, &[obj], &[]).ok()?).ok()?;
    const MAX_ITEMS: usize = 750;
    const MAX_LEN: usize = 40;
    if names.len() > MAX_ITEMS || wrong.chars().count() > MAX_LEN {
        return None;
    }
    let wlen = wrong.chars().count();
    let mut best = wlen;
    let mut suggestion: Option<String> = None;
    for n in &names {
        let Some(cand) = n.as_str() else { continue };
        if cand == wrong {
            continue;
        }
        let max = ((cand.chars().count() + wlen + 3) * MOVE_COST / 6).min(best.saturating_sub(1));
        let dist = levenshtein(&wrong, cand, max);
        if dist > max {
            continue;
        }
        if suggestion.is_none() || dist < best {
            suggestion = Some(cand.to_string());
            best = dist;
        }
    }
    suggestion
}

const MOVE_COST: usize = 2;

/// CPython's `Python/suggestions.c:levenshtein_distance`: case changes cost 1, other edits 2.
fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let mut a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    let pre = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    a.drain(..pre);
    b.drain(..pre);
    let post = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    a.truncate(a.len() - post);
    b.truncate(b.len() - post);
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > 40 || b.len() > 40 {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let cost = |x: char, y: char| {
        if x == y {
            0
        } else if x.to_lowercase().eq(y.to_lowercase()) {
            1
        } else {
            MOVE_COST
        }
    };
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + cost(bc, ac);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}
