//! Attribute access: `object.__getattribute__` and `type.__getattribute__` (data descriptors, the instance
//! `__dict__` or slots, non-data descriptors, class attributes, the `__getattr__` fallback), `setattr` and
//! `delattr` with user `__setattr__`/`__delattr__` and descriptors' `__set__`/`__delete__`, as CPython does.

use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering};

use crate::builtins::descriptor::{self, DescriptorObj};
use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::function::{bind_builtin, new_bound_method};
use crate::builtins::type_::{self, type_obj, TypeFlags};
use crate::builtins::{dict, instance, str::new_str, tuple};
use crate::error::{attribute_error, type_error, PyErr, PyResult};
use crate::modules::collections::tuplegetter;
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// `getattr(v, name)` for a name given as a `str` value.
pub fn getattr(v: &Value, name: &Value) -> PyResult<Value> {
    match name.as_str() {
        Some(n) => getattr_named(v, n, Some(name)),
        None => Err(type_error(format!("attribute name must be string, not '{}'", name.type_name()))),
    }
}

/// Looks `name` up in a dict; `key` is the same name as a `str` value when the caller has one (its cached
/// hash saves rehashing the text).
#[inline]
fn dict_get(d: &ObjRef, name: &str, key: Option<&Value>) -> Option<Value> {
    match key {
        // A str key compares without running Python code, so the lookup cannot fail.
        Some(k) => dict::get(d, k).ok().flatten(),
        None => dict::get_str(d, name),
    }
}

/// Stores `name` in a dict, reusing the caller's `str` value for the key when it has one.
#[inline]
fn dict_set(d: &ObjRef, name: &str, key: Option<&Value>, value: Value) {
    match key {
        Some(k) => {
            let _ = dict::set(d, k.clone(), value);
        }
        None => dict::set_str(d, name, value),
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
pub(crate) fn is_data_descriptor(d: &Value) -> bool {
    match d.payload() {
        Some(Payload::Descriptor(
            DescriptorObj::Property { .. } | DescriptorObj::Member { .. } | DescriptorObj::GetSet { .. },
        )) => true,
        Some(Payload::Function(_) | Payload::BuiltinFunction(_) | Payload::Str(_)) | None => false,
        Some(Payload::Native(_)) if tuplegetter::index_of(d).is_some() => true,
        Some(_) => heap_data_descriptor(d),
    }
}

/// Applies a descriptor found on a type to an instance (`instance` is `None` for lookups on the class).
pub fn bind_descriptor(d: Value, instance: Option<&Value>, owner: &Value) -> PyResult<Value> {
    if let Some(o) = d.as_obj() {
        // A user subclass of `property`, `classmethod`, ... that defines its own `__get__` binds through it.
        if matches!(o.payload, Payload::Descriptor(_)) && type_obj(o.ty()).heap {
            if let Some(get) =
                type_::lookup(o.ty(), "__get__").filter(|g| matches!(g.payload(), Some(Payload::Function(_))))
            {
                let inst = instance.cloned().unwrap_or(Value::None);
                return type_::call_special(&get, &d, &[inst, owner.clone()], &[]);
            }
        }
    }
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
        Some(p @ Payload::Descriptor(dd @ (DescriptorObj::Member { .. } | DescriptorObj::GetSet { .. }))) => {
            match instance {
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
            }
        }
        Some(Payload::Native(n)) if n.get::<tuplegetter::TupleGetter>().is_some() => match instance {
            Some(i) if !i.is_none() => tuplegetter::get_item(tuplegetter::index_of(&d).unwrap_or(0), i),
            _ => Ok(d),
        },
        // User classes and native module types (`functools._lru_cache_wrapper`) bind through their `__get__`.
        Some(_) if type_::dispatches(d.ty()) => match type_::lookup(d.ty(), "__get__") {
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
pub(crate) fn payload_attr(v: &Value, name: &str) -> PyResult<Option<Value>> {
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
            _ => doc_fallback(v, name),
        });
    };
    if name == "__dict__" && !matches!(o.payload, Payload::Type(_)) {
        if let Some(d) = type_::instance_dict(o) {
            return Ok(Some(Value::Obj(d)));
        }
    }
    let found = match (&o.payload, name) {
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
        (Payload::Function(f), "__annotations__") => Some(crate::builtins::function::annotations(f)),
        (Payload::Function(f), "__type_params__") => Some(f.type_params.read().clone()),
        (Payload::Function(f), "__closure__") => Some(if f.closure.is_empty() {
            Value::None
        } else {
            tuple::new_tuple(f.closure.iter().map(|c| Value::Obj(c.clone())).collect())
        }),
        (Payload::Function(f), "__builtins__") => Some(
            dict::get_str(&f.globals, "__builtins__")
                .map(|b| match b.payload() {
                    Some(Payload::Module(_)) => {
                        Value::Obj(crate::builtins::module::module_dict(b.as_obj().expect("module")).clone())
                    }
                    _ => b,
                })
                .unwrap_or_else(|| Value::Obj(crate::modules::builtins::builtins_dict().clone())),
        ),
        (Payload::Cell(c), "cell_contents") => match c.read().clone() {
            Some(v) => Some(v),
            None => return Err(crate::error::value_error("Cell is empty")),
        },
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
        (Payload::Exception(e), "__traceback__") => Some(crate::builtins::frame::traceback_of(&e.traceback.lock())),
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
        (Payload::Code(c), _) => crate::builtins::code::code_attr(c, name)?,
        (Payload::Function(f), "__code__") => Some(crate::builtins::code::code_object(f.code)),
        (Payload::Super(s), _) => crate::builtins::super_::super_attr(s, name),
        _ => None,
    };
    Ok(found.or_else(|| doc_fallback(v, name)))
}

/// Every CPython type has `__doc__` in its dict (None for a native type without a docstring); crabby's
/// native types store it only when they have one, so an instance lookup that found nothing reads the type's.
fn doc_fallback(v: &Value, name: &str) -> Option<Value> {
    (name == "__doc__" && !matches!(v.payload(), Some(Payload::Type(_))))
        .then(|| type_::type_special_attr(v.ty(), "__doc__"))
        .flatten()
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
    if let Some(d) = e.exc.dict() {
        dict::set_str(d, "name", new_str(name));
        dict::set_str(d, "obj", v.clone());
    }
    e
}

/// `getattr(v, name)`.
pub fn getattr_str(v: &Value, name: &str) -> PyResult<Value> {
    getattr_named(v, name, None)
}

fn getattr_named(v: &Value, name: &str, key: Option<&Value>) -> PyResult<Value> {
    let ty = v.ty();
    let t = type_obj(ty);
    match v.payload() {
        Some(Payload::Type(_)) => {
            if t.heap {
                return heap_getattr(v, name, key);
            }
            return type_getattr(v, name);
        }
        Some(Payload::Super(s)) => return crate::builtins::super_::super_getattr(v, s, name, key),
        _ => {}
    }
    // Native types may define `__getattribute__` too (`types.GenericAlias` forwards to its origin).
    if t.heap || type_::type_flags(ty) & TypeFlags::CUSTOM_GETATTRIBUTE != 0 {
        return heap_getattr(v, name, key);
    }
    generic_getattr_named(v, name, key)
}

/// Attribute access on an instance of a user class (or on a class whose metaclass is a user class):
/// a custom `__getattribute__` if there is one, then `__getattr__` on AttributeError.
fn heap_getattr(v: &Value, name: &str, key: Option<&Value>) -> PyResult<Value> {
    let ty = v.ty();
    let flags = type_::type_flags(ty);
    let name_value = || key.cloned().unwrap_or_else(|| new_str(name));
    let r = if flags & TypeFlags::CUSTOM_GETATTRIBUTE != 0 {
        match type_::lookup(ty, "__getattribute__") {
            Some(ga) => type_::call_special(&ga, v, &[name_value()], &[]),
            None => generic_getattr_named(v, name, key),
        }
    } else if matches!(v.payload(), Some(Payload::Type(_))) {
        type_getattr(v, name)
    } else {
        generic_getattr_named(v, name, key)
    };
    match r {
        Err(e) if flags & TypeFlags::GETATTR != 0 && e.matches(ExcKind::AttributeError) => {
            match type_::lookup(ty, "__getattr__") {
                Some(f) => type_::call_special(&f, v, &[name_value()], &[]),
                None => Err(e),
            }
        }
        r => r,
    }
}

/// `object.__getattribute__`.
pub fn generic_getattr(v: &Value, name: &str) -> PyResult<Value> {
    generic_getattr_named(v, name, None)
}

fn generic_getattr_named(v: &Value, name: &str, key: Option<&Value>) -> PyResult<Value> {
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
                if let Some(x) = dict_get(&d, name, key) {
                    return Ok(x);
                }
            }
        } else if let Some(x) = instance::own_attr(o, name, key) {
            return Ok(x);
        }
    }
    if let Some(d) = descr {
        return bind_descriptor(d, Some(v), &Value::Obj(ty.clone()));
    }
    if let Some(x) = payload_attr(v, name)? {
        return Ok(x);
    }
    // PEP 562: a module's own `__getattr__` answers for the names its namespace lacks.
    if let (Some(Payload::Module(_)), Value::Obj(o)) = (v.payload(), v) {
        if let Some(f) = o.dict().and_then(|d| dict::get_str(d, "__getattr__")) {
            return ops::call::call(&f, &[key.cloned().unwrap_or_else(|| new_str(name))], &[]);
        }
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
        Some(n) => setattr_named(v, n, Some(name), value),
        None => Err(type_error(format!("attribute name must be string, not '{}'", name.type_name()))),
    }
}

pub fn setattr_str(v: &Value, name: &str, value: Value) -> PyResult<()> {
    setattr_named(v, name, None, value)
}

fn setattr_named(v: &Value, name: &str, key: Option<&Value>, value: Value) -> PyResult<()> {
    let ty = v.ty();
    // Native types may define `__setattr__` too (`_thread._local` stores into the calling thread's dict).
    if type_::type_flags(ty) & TypeFlags::CUSTOM_SETATTR != 0 {
        if let Some(sa) = type_::lookup(ty, "__setattr__") {
            let n = key.cloned().unwrap_or_else(|| new_str(name));
            type_::call_special(&sa, v, &[n, value], &[])?;
            return Ok(());
        }
    }
    generic_setattr_named(v, name, key, value)
}

/// Calls a descriptor's `__set__` (`value` given) or `__delete__`; `Ok(false)` when `d` is not a data
/// descriptor and the instance's own storage should be used.
pub(crate) fn descriptor_store(d: &Value, v: &Value, name: &str, value: Option<Value>) -> PyResult<bool> {
    match d.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { fset, fdel, .. })) => {
            match value {
                Some(x) => {
                    if fset.is_none() {
                        return Err(attribute_error(format!(
                            "property '{name}' of '{}' object has no setter",
                            v.type_name()
                        )));
                    }
                    ops::call::call(fset, &[v.clone(), x], &[])?;
                }
                None => {
                    if fdel.is_none() {
                        return Err(attribute_error(format!(
                            "property '{name}' of '{}' object has no deleter",
                            v.type_name()
                        )));
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
        Some(Payload::Function(_) | Payload::BuiltinFunction(_) | Payload::Descriptor(_) | Payload::Str(_)) | None => {
            Ok(false)
        }
        Some(Payload::Native(_)) if tuplegetter::index_of(d).is_some() => Err(tuplegetter::store_error(value.as_ref())),
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
            type_::immortalize_method(&x);
            let plain = type_::plain_class_value(&x) && !(name.starts_with("__") && name.ends_with("__"));
            // The old value comes back from the same locked step that replaced it, so a racing store of a
            // descriptor under the name is seen here or makes its own full `modified`.
            let old = dict::swap_str(&t.dict, name, x);
            match old {
                Some(o) if plain && type_::plain_class_value(&o) => t.rebound(),
                _ => t.modified(),
            }
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
    generic_setattr_named(v, name, None, value)
}

fn generic_setattr_named(v: &Value, name: &str, key: Option<&Value>, value: Value) -> PyResult<()> {
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
            "__defaults__" => {
                let items = match &value {
                    Value::None => Vec::new(),
                    t => match t.as_tuple() {
                        Some(items) => items.to_vec(),
                        None => return Err(type_error("__defaults__ must be set to a tuple object")),
                    },
                };
                *f.defaults.write() = items;
                return Ok(());
            }
            "__kwdefaults__" => {
                let items = match &value {
                    Value::None => Vec::new(),
                    Value::Obj(d) if matches!(d.payload, Payload::Dict(_)) => {
                        let mut out = Vec::new();
                        for (k, val) in dict::items(d) {
                            // NOTE: keyword-only defaults are keyed by `&'static str` (compiled code's names);
                            // names set at run time are leaked, which assignments of `__kwdefaults__` keep rare.
                            let name: &'static str = Box::leak(k.as_str().unwrap_or("").to_string().into_boxed_str());
                            out.push((name, val));
                        }
                        out
                    }
                    _ => return Err(type_error("__kwdefaults__ must be set to a dict object")),
                };
                *f.kwdefaults.write() = items;
                return Ok(());
            }
            "__code__" | "__globals__" | "__closure__" | "__builtins__" | "__annotations__" | "__type_params__" => {
                return crate::builtins::function::set_special(f, name, Some(value));
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
            "__traceback__" => {
                let entries = crate::builtins::frame::entries_of(&value)?;
                *e.traceback.lock() = entries;
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
    if let Some(a) = instance::inline_attrs(o) {
        instance::store(o, a, name, key, value, None);
        return Ok(());
    }
    if !type_obj(ty).slot_storage {
        if let Some(d) = o.dict() {
            dict_set(d, name, key, value);
            return Ok(());
        }
    }
    match type_::instance_dict(o) {
        Some(d) => {
            dict_set(&d, name, key, value);
            Ok(())
        }
        // A class attribute (not a data descriptor) and no `__dict__` to shadow it in: CPython's message.
        None if type_::lookup(ty, name).is_some() => {
            Err(attribute_error(format!("'{}' object attribute '{name}' is read-only", v.type_name())))
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
    if type_::type_flags(ty) & TypeFlags::CUSTOM_DELATTR != 0 {
        if let Some(da) = type_::lookup(ty, "__delattr__") {
            type_::call_special(&da, v, std::slice::from_ref(name), &[])?;
            return Ok(());
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
        // An attribute that is not there raises without making the instance's dict.
        let absent = instance::inline_attrs(o).is_some_and(|a| instance::lacks(o, a, name));
        if let Some(d) = type_::instance_dict(o).filter(|_| !absent) {
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

/// A per-site inline cache for attribute loads, stores and method loads: generated code keeps one
/// `static` per `obj.name` site. It remembers, for the last few types seen at the site (a method of a base
/// class sees every subclass) and each type's version, how the name resolves on the type, so the next access
/// with that type skips the MRO lookup and the special-method checks. Each way is one pointer to an immutable
/// [`SiteEntry`] that is never freed: a reader loads the pointer, compares the type's address and loads the
/// version through the pointer the entry keeps, with no sequence number to validate; a writer publishes a new
/// entry with one store (two writers racing both leak an entry, and the last store wins). A site that keeps
/// seeing new types stops caching (it is megamorphic), which bounds the leak.
pub struct AttrSite {
    entries: [AtomicPtr<SiteEntry>; SITE_WAYS],
    fills: AtomicU32,
}

/// One cached resolution, immutable once published (only the hint changes).
struct SiteEntry {
    /// The address of the type the entry describes (for `TYPE_VALUE` and `TYPE_METHOD`, the metaclass `type`).
    ty: usize,
    /// The version counter the entry was computed against: `version` of the instance type's `TypeObj` (of the
    /// class itself for the kinds keyed on a class object), or its `values` for the kinds that hold a value
    /// ([`holds_value`]). Types are immortal and their `TypeObj` is
    /// boxed, so the cell never moves or dies; keeping its address saves following object -> type -> boxed
    /// type data on every hit. For `MODULE_VALUE`, the write count of the (immortal) module dict.
    version_cell: *const AtomicU64,
    version: u64,
    kind: u8,
    /// For `SLOT_INDEX`: the slot's index.
    index: u32,
    /// For the kinds that carry a value: the value found on the type, kept alive by the (leaked) entry.
    value: Option<Value>,
    /// The `TypeObj` of the instance type (for the kinds keyed on a type), whose attribute layout inline
    /// loads and stores use.
    tobj: *const type_::TypeObj,
    /// For `TYPE_VALUE` and `TYPE_METHOD`: the address of the class object the entry describes; for
    /// `MODULE_VALUE`, of the module object; 0 otherwise.
    owner: usize,
    /// Where the name was last found in the instance's inline values or `__dict__` entry array
    /// (`instance::load_hinted`, `dict::get_hinted`), for instances of this entry's type: a guess, checked
    /// against the key found there, that lets most accesses skip hashing and probing. One per type:
    /// subclasses sharing a base's method may order their dicts differently.
    hint: AtomicU32,
}

// SAFETY: the raw pointers point into immortal type objects (read only through atomics or immutable
// fields); everything else is a `Value` (Send + Sync) or atomics.
unsafe impl Send for SiteEntry {}
// SAFETY: as for Send.
unsafe impl Sync for SiteEntry {}

/// Types remembered per site.
const SITE_WAYS: usize = 4;
/// The type has nothing under the name that takes precedence over the instance `__dict__`, and nothing to
/// fall back on: the attribute lives in the instance dict (stores go there too).
const SITE_INSTANCE: u8 = 1;
/// A plain function (or native method) on the type: bound to the instance unless the instance dict shadows it.
const SITE_METHOD: u8 = 2;
/// A plain (non-descriptor) class attribute: the instance dict first, then this value.
const SITE_CLASS_VALUE: u8 = 3;
/// A `__slots__` member of a user class: the value lives in the instance's slot storage under the name;
/// a missing entry (an unset slot) takes the general path for its AttributeError or `__getattr__`.
const SITE_SLOT: u8 = 4;
/// A plain function (or native method) on a type whose instances have no `__dict__` that could shadow it
/// (classes with `__slots__` only): bound to the instance without probing anything.
const SITE_METHOD_NODICT: u8 = 5;
/// A plain class value on a type whose instances have no `__dict__`: the value, without probing anything.
const SITE_VALUE_NODICT: u8 = 6;
/// A `collections._tuplegetter` (a namedtuple field) on a tuple subclass: a data descriptor, so the instance
/// `__dict__` (of a subclass) is not probed; the value is the descriptor, whose index is read from the tuple
/// (an index out of range takes the general path for its IndexError).
const SITE_TUPLE_ITEM: u8 = 7;
/// A `__slots__` member of a class whose instances keep slots in an array (`TypeObj::slot_array`): the
/// entry's `index` is the slot's index; an unset slot takes the general path.
const SITE_SLOT_INDEX: u8 = 8;
/// A `property` (exactly) on the type, with a getter, and no `__getattr__` to fall back on: a data descriptor,
/// so the instance is not probed; the value is the property, whose getter is called with the instance.
const SITE_PROPERTY: u8 = 9;
/// `obj.__class__` where the type's `__class__` is `object`'s own descriptor and no `__getattribute__` is
/// custom (`TypeFlags::PLAIN_CLASS`): the object's type, without probing anything (a data descriptor wins over
/// the instance `__dict__`). Dataclasses' generated `__eq__` and ordering methods read it on every call.
const SITE_CLASS_OF: u8 = 10;
/// A resolution the site cannot shortcut (other descriptors, a custom `__getattribute__`, `__dict__`, ...):
/// the entry only records that, so that every access takes the general path without classifying the name
/// again.
const SITE_GENERAL: u8 = 11;
/// `C.name` on a class whose metaclass is `type`: the value `type.__getattribute__` returns (a plain class
/// value, a function, a static method's function), keyed on the class object and its version. The kinds keyed
/// on one object (a class, a module) are numbered last (`AttrSite::read` tests `kind >= SITE_TYPE_VALUE`).
const SITE_TYPE_VALUE: u8 = 12;
/// `C.name` where the class holds a `classmethod`: its function, bound to the class.
const SITE_TYPE_METHOD: u8 = 13;
/// `m.name` on a module object of exactly `types.ModuleType` whose type has nothing under the name: the value in
/// the module's `__dict__` (an inline value or an immortal object), keyed on the module object and the dict's
/// write count, so any store into the module makes the entry miss.
const SITE_MODULE_VALUE: u8 = 14;
const MAX_FILLS: u32 = 32;

/// Whether an entry of `kind` holding `value` holds a plain class value, and so is keyed on the type's
/// `values` version (which rebinding a plain class value also bumps) rather than on `version`. A function,
/// class or class method found on a class changes only through a full `modified`.
fn holds_value(kind: u8, value: Option<&Value>) -> bool {
    match kind {
        SITE_CLASS_VALUE | SITE_VALUE_NODICT => true,
        SITE_TYPE_VALUE => value.is_some_and(type_::plain_class_value),
        _ => false,
    }
}

/// A type's two version counters, read (Acquire, pairing with the bumps in `TypeObj::modified` and
/// `TypeObj::rebound`) before a resolution is computed: [`AttrSite::fill`] keys the entry on the one its
/// kind depends on ([`holds_value`]), so a caller never has to choose.
#[derive(Clone, Copy)]
struct Versions {
    version: u64,
    values: u64,
}

impl Versions {
    fn of(t: &type_::TypeObj) -> Versions {
        Versions { version: t.version.load(Ordering::Acquire), values: t.values.load(Ordering::Acquire) }
    }
}

impl SiteEntry {
    /// The value found on the type (every kind that reads it carries one).
    #[inline]
    fn value(&self) -> &Value {
        self.value.as_ref().unwrap_or(&Value::None)
    }

    /// The attribute layout of the instance type (for the kinds keyed on a type).
    #[inline]
    fn layout(&self) -> &'static instance::AttrLayout {
        // SAFETY: `tobj` is the boxed `TypeObj` of an immortal type, never moved or freed.
        unsafe { &(*self.tobj).attr_layout }
    }
}

impl AttrSite {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> AttrSite {
        AttrSite {
            entries: [
                AtomicPtr::new(std::ptr::null_mut()),
                AtomicPtr::new(std::ptr::null_mut()),
                AtomicPtr::new(std::ptr::null_mut()),
                AtomicPtr::new(std::ptr::null_mut()),
            ],
            fills: AtomicU32::new(0),
        }
    }

    /// The cached resolution for `obj` (for its type, or for `obj` itself when it is a class), if it is
    /// current.
    #[inline(always)]
    fn read(&self, obj: &Value) -> Option<&'static SiteEntry> {
        let addr = obj.ty().addr();
        for way in &self.entries {
            // Acquire: pairs with the Release in `fill`, so the entry's fields are visible. Ways fill from the
            // first and are never emptied: a null way ends the search.
            let p = way.load(Ordering::Acquire);
            if p.is_null() {
                return None;
            }
            // SAFETY: entries are leaked by `fill` and never freed.
            let e: &'static SiteEntry = unsafe { &*p };
            if e.ty != addr {
                continue;
            }
            if e.kind >= SITE_TYPE_VALUE {
                // An entry for one class or module object: another of the same type may be in a later way.
                match obj {
                    Value::Obj(o) if o.addr() == e.owner => {}
                    _ => continue,
                }
            }
            // Acquire pairs with the version bump in `TypeObj::modified`, made after the namespace changed.
            // SAFETY: the cell is in the boxed `TypeObj` of an immortal type.
            if e.version != unsafe { &*e.version_cell }.load(Ordering::Acquire) {
                return None;
            }
            return Some(e);
        }
        None
    }

    /// `read` for an object of type address `ty` that is not a class (an instance of a user class): the first
    /// way for the type, if current. Kinds keyed on a class object are never filled for such a type, and a
    /// caller that finds one anyway takes the general path (which then knows).
    #[inline(always)]
    fn read_instance(&self, ty: usize) -> Option<&'static SiteEntry> {
        for way in &self.entries {
            // Acquire: as in `read`.
            let p = way.load(Ordering::Acquire);
            if p.is_null() {
                return None;
            }
            // SAFETY: entries are leaked by `fill` and never freed.
            let e: &'static SiteEntry = unsafe { &*p };
            if e.ty == ty {
                // Acquire: as in `read`.
                // SAFETY: as in `read`.
                return (e.version == unsafe { &*e.version_cell }.load(Ordering::Acquire)).then_some(e);
            }
        }
        None
    }

    /// Whether the site stopped taking entries (it is megamorphic): a caller need not work out one.
    #[inline]
    fn saturated(&self) -> bool {
        self.fills.load(Ordering::Relaxed) >= MAX_FILLS
    }

    /// Records how the name resolves on `ty` as of `versions` (read before the resolution was computed). `owner`
    /// is the class object for the kinds keyed on one (whose versions `versions` are), else `None`.
    #[cold]
    fn fill(&self, ty: &ObjRef, owner: Option<&ObjRef>, versions: Versions, kind: u8, value: Option<Value>) {
        let (index, value) = match (kind, value) {
            (SITE_SLOT_INDEX, Some(Value::Int(i))) => (i as u32, None),
            (_, value) => (0, value),
        };
        let cell_ty = type_obj(owner.unwrap_or(ty));
        let (cell, version) = if holds_value(kind, value.as_ref()) {
            (&cell_ty.values, versions.values)
        } else {
            (&cell_ty.version, versions.version)
        };
        self.publish(ty, owner.map_or(0, ObjRef::addr), cell, version, kind, index, value);
    }

    /// Records `value`, found in the dict of `module` (immortal, as its dict) at write count `writes`.
    #[cold]
    fn fill_module(&self, module: &ObjRef, dict: &ObjRef, writes: u64, value: Value) {
        self.publish(
            module.ty(),
            module.addr(),
            dict::dict_obj(dict).writes_cell(),
            writes,
            SITE_MODULE_VALUE,
            0,
            Some(value),
        );
    }

    /// Publishes an entry for `ty` (and `owner`, for the kinds keyed on one object) valid while `cell` holds
    /// `version`: in the way already holding the same key (its version changed), else an empty one, else the
    /// ways in turn. `cell` must never move or be freed (a type's counter, or an immortal dict's).
    #[allow(clippy::too_many_arguments)]
    fn publish(
        &self,
        ty: &ObjRef,
        owner_addr: usize,
        cell: &AtomicU64,
        version: u64,
        kind: u8,
        index: u32,
        value: Option<Value>,
    ) {
        let n = self.fills.fetch_add(1, Ordering::Relaxed);
        if n >= MAX_FILLS {
            return;
        }
        let addr = ty.addr();
        let current = |w: &AtomicPtr<SiteEntry>| {
            // Acquire: as in `read` (the hint of the entry found is read).
            let p = w.load(Ordering::Acquire);
            // SAFETY: entries are leaked by `fill` and never freed.
            (!p.is_null()).then(|| unsafe { &*p })
        };
        let same = self.entries.iter().position(|w| current(w).is_some_and(|e| e.ty == addr && e.owner == owner_addr));
        let way =
            same.or_else(|| self.entries.iter().position(|w| current(w).is_none())).unwrap_or(n as usize % SITE_WAYS);
        // The hint of the entry replaced for the same type stays a good guess.
        let hint = same.and_then(|i| current(&self.entries[i])).map_or(0, |e| e.hint.load(Ordering::Relaxed));
        let e = Box::new(SiteEntry {
            ty: addr,
            version_cell: cell as *const AtomicU64,
            version,
            kind,
            index,
            value,
            tobj: type_obj(ty) as *const type_::TypeObj,
            owner: owner_addr,
            hint: AtomicU32::new(hint),
        });
        // Release: the entry's fields are visible to a reader that loads the pointer (Acquire in `read`).
        self.entries[way].store(Box::into_raw(e), Ordering::Release);
    }
}

/// How `name` resolves on `ty` for the site caches, with the type's versions read before the resolution was
/// computed; `SITE_GENERAL` when the access must always take the general path (descriptors other than slots
/// and plain properties, custom `__getattribute__`, types).
fn classify(ty: &ObjRef, name: &str) -> (Versions, u8, Option<Value>) {
    let versions = Versions::of(type_obj(ty));
    match resolve(ty, name) {
        Some((kind, value)) => (versions, kind, value),
        None => (versions, SITE_GENERAL, None),
    }
}

/// [`classify`]'s resolution, `None` for the general path. A custom `__setattr__` does not matter here (a
/// frozen dataclass's loads are plain instance loads): `setattr_fill` keeps store sites general for it.
fn resolve(ty: &ObjRef, name: &str) -> Option<(u8, Option<Value>)> {
    let t = type_obj(ty);
    if type_::type_flags(ty) & TypeFlags::CUSTOM_GETATTRIBUTE != 0 {
        return None;
    }
    if name == "__class__" {
        return type_::plain_class_attr(ty).then_some((SITE_CLASS_OF, None));
    }
    if name == "__dict__" {
        return None;
    }
    if t.slot_storage || (t.slot_array && !t.instance_dict) {
        return resolve_slotted(ty, name);
    }
    let found = type_::lookup(ty, name);
    if let Some(i) = found.as_ref().and_then(|v| slot_index(ty, v, name)) {
        return Some((SITE_SLOT_INDEX, Some(Value::Int(i as i64))));
    }
    match found {
        None => Some((SITE_INSTANCE, None)),
        Some(v) if property_site(ty, &v) => Some((SITE_PROPERTY, Some(v))),
        Some(v) => match v.payload() {
            Some(Payload::Function(_)) => Some((SITE_METHOD, Some(v))),
            Some(Payload::Native(_)) if tuple_item_site(ty, &v) => Some((SITE_TUPLE_ITEM, Some(v))),
            Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => {
                Some((SITE_METHOD, Some(v)))
            }
            _ if type_::plain_class_value(&v) => Some((SITE_CLASS_VALUE, Some(v))),
            _ => None,
        },
    }
}

/// The slot-array index of `v`, found on `ty` under `name`, when it is a user class's member under its own
/// name (`C.y = C.__dict__['x']` reads slot `x` through `y`) whose values are in the instance slot array.
fn slot_index(ty: &ObjRef, v: &Value, name: &str) -> Option<u32> {
    match v.payload() {
        Some(Payload::Descriptor(DescriptorObj::Member { owner, name: slot, index }))
            if *index != descriptor::NO_SLOT_INDEX && slot == name && type_::is_subtype(ty, owner) =>
        {
            Some(*index)
        }
        _ => None,
    }
}

/// Whether `v`, found on `ty`, is a plain `property` with a getter, and `ty` has no `__getattr__` (which an
/// AttributeError from the getter would call): its getter's result is then the attribute.
fn property_site(ty: &ObjRef, v: &Value) -> bool {
    match v.as_obj() {
        Some(p) if p.ty().ptr_eq(&crate::builtins::types().property) => {
            matches!(&p.payload, Payload::Descriptor(DescriptorObj::Property { fget, .. }) if !fget.is_none())
                && type_::type_flags(ty) & TypeFlags::GETATTR == 0
        }
        _ => false,
    }
}

/// `prop.__get__(obj)` for a property a site found (`SITE_PROPERTY`).
#[inline]
fn property_get(prop: &Value, obj: &Value) -> PyResult<Value> {
    match prop.payload() {
        Some(Payload::Descriptor(DescriptorObj::Property { fget, .. })) if !fget.is_none() => {
            ops::call::call_with_self(fget, obj, &[], &[])
        }
        _ => bind_descriptor(prop.clone(), Some(obj), &Value::Obj(obj.ty().clone())),
    }
}

/// Whether `v`, found on `ty`, is a `_tuplegetter` and `ty` a tuple subclass (whose instances carry the tuple
/// payload the site reads).
fn tuple_item_site(ty: &ObjRef, v: &Value) -> bool {
    tuplegetter::index_of(v).is_some() && type_::is_subtype(ty, &crate::builtins::types().tuple)
}

/// [`resolve`] for a type whose instances keep `__slots__` in slot storage: its own slot members, and the
/// methods and plain values of a class whose instances have no `__dict__` (nothing can shadow them).
fn resolve_slotted(ty: &ObjRef, name: &str) -> Option<(u8, Option<Value>)> {
    let t = type_obj(ty);
    let v = type_::lookup(ty, name)?;
    if let Some(i) = slot_index(ty, &v, name) {
        return Some((SITE_SLOT_INDEX, Some(Value::Int(i as i64))));
    }
    if property_site(ty, &v) {
        return Some((SITE_PROPERTY, Some(v)));
    }
    match v.payload() {
        // Only a user class's member under its own name: `C.y = C.__dict__['x']` reads slot `x` through `y`,
        // and the member descriptors of native types keep their values elsewhere.
        Some(Payload::Descriptor(DescriptorObj::Member { owner, name: slot, index }))
            if *index == descriptor::NO_SLOT_INDEX
                && slot == name
                && type_obj(owner).heap
                && type_::is_subtype(ty, owner) =>
        {
            Some((SITE_SLOT, None))
        }
        Some(Payload::Native(_)) if tuple_item_site(ty, &v) => Some((SITE_TUPLE_ITEM, Some(v))),
        _ if t.instance_dict => None,
        Some(Payload::Function(_)) => Some((SITE_METHOD_NODICT, Some(v))),
        Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => {
            Some((SITE_METHOD_NODICT, Some(v)))
        }
        _ if type_::plain_class_value(&v) => Some((SITE_VALUE_NODICT, Some(v))),
        _ => None,
    }
}

/// How `cls.name` resolves for the site caches when `cls` is a class whose metaclass is exactly `type`
/// (whose own namespace never changes): nothing on `type` under the name, and a value on the class that
/// `type.__getattribute__` returns without calling anything. Dunder names are left to the general path
/// (`__name__`, `__dict__`, `__mro__` ... are computed from the type object).
fn classify_class(cls: &ObjRef, name: &str) -> Option<(Versions, u8, Option<Value>)> {
    let Payload::Type(t) = &cls.payload else { return None };
    let version = Versions::of(t);
    let meta = cls.ty();
    if !meta.ptr_eq(&crate::builtins::types().type_) || (name.starts_with("__") && name.ends_with("__")) {
        return None;
    }
    if type_::type_special_attr(cls, name).is_some() || type_::lookup(meta, name).is_some() {
        return None;
    }
    let v = type_::lookup(cls, name)?;
    let (kind, value) = match v.payload() {
        None | Some(Payload::Function(_) | Payload::Type(_)) => (SITE_TYPE_VALUE, v),
        Some(Payload::BuiltinFunction(b)) if b.owner.is_some() && b.bound_self.is_none() => (SITE_TYPE_VALUE, v),
        // Only the built-in wrappers: a subclass may bind through its own `__get__`.
        Some(Payload::Descriptor(DescriptorObj::StaticMethod(f))) if !type_obj(v.ty()).heap => {
            (SITE_TYPE_VALUE, f.clone())
        }
        Some(Payload::Descriptor(DescriptorObj::ClassMethod(f))) if !type_obj(v.ty()).heap => {
            (SITE_TYPE_METHOD, f.clone())
        }
        _ if type_::plain_class_value(&v) => (SITE_TYPE_VALUE, v),
        _ => return None,
    };
    Some((version, kind, Some(value)))
}

/// Fills `site` after a load of `obj.name` took the general path, when the resolution can be cached.
#[cold]
fn fill_load(site: &AttrSite, obj: &Value, name: &Value) {
    let Some(n) = name.as_str() else { return };
    match obj {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
            if let Some((version, kind, value)) = classify_class(o, n) {
                site.fill(o.ty(), Some(o), version, kind, value);
            }
        }
        Value::Obj(o) if matches!(o.payload, Payload::Module(_)) => fill_module_load(site, o, n),
        Value::Obj(o) if matches!(o.payload, Payload::Super(_)) => {}
        _ => {
            // A megamorphic site would not take the entry: classifying would be wasted.
            if !site.saturated() {
                let (versions, kind, value) = classify(obj.ty(), n);
                site.fill(obj.ty(), None, versions, kind, value);
            }
        }
    }
}

/// Fills `site` for `module.name` when the name resolves in the module's `__dict__` as `object.__getattribute__`
/// finds it: the module is exactly a `types.ModuleType` (a subclass may define descriptors or `__getattribute__`)
/// and `ModuleType` itself has nothing under the name (its `__dict__`, `__class__`, methods win or are shadowed by
/// the rules a general load applies). Only inline values and immortal objects are cached: the entry is never
/// freed, and must not keep a mortal object alive.
fn fill_module_load(site: &AttrSite, module: &ObjRef, name: &str) {
    if site.saturated() || !module.ty().ptr_eq(&crate::builtins::types().module) {
        return;
    }
    let Some(d) = module.raw_dict() else { return };
    if type_::lookup(module.ty(), name).is_some() {
        return;
    }
    // Read before the lookup: a write racing with it leaves the entry with an older count, which the next load
    // sees as stale. An odd count is a write in progress.
    let writes = dict::dict_obj(d).writes();
    if writes & 1 != 0 {
        return;
    }
    let Some(v) = dict::get_str(d, name) else { return };
    if let Value::Obj(o) = &v {
        // A module held by another module (`os.path`) lives as long as the program anyway.
        if matches!(o.payload, Payload::Module(_)) {
            o.immortalize();
        }
        if !o.is_immortal() {
            return;
        }
    }
    // The entry recognises the module by address and reads the dict's count through a pointer: neither may
    // ever be freed (module objects and their dicts live as long as the program anyway).
    module.immortalize();
    d.immortalize();
    site.fill_module(module, d, writes, v);
}

/// Where an attribute site finds an instance's own attributes.
enum SiteStorage<'a> {
    /// Inline values (`builtins::instance`).
    Inline(&'a ObjRef, &'a instance::InstAttrs),
    /// The instance `__dict__` or slot storage.
    Dict(&'a ObjRef),
    Nothing,
}

/// The instance storage an attribute site may use directly (not for types and modules, whose `dict` is not
/// an instance dict).
#[inline]
fn site_storage(v: &Value) -> SiteStorage<'_> {
    match v {
        Value::Obj(o) => match &o.payload {
            Payload::Instance(a) if a.is_inline() => SiteStorage::Inline(o, a),
            Payload::Type(_) | Payload::Module(_) => SiteStorage::Nothing,
            _ => o.raw_dict().map_or(SiteStorage::Nothing, SiteStorage::Dict),
        },
        _ => SiteStorage::Nothing,
    }
}

/// The instance's own attribute `name` for an attribute site whose entry `e` matched the instance's type.
#[inline]
fn site_lookup(obj: &Value, name: &Value, e: &SiteEntry) -> PyResult<Option<Value>> {
    match site_storage(obj) {
        SiteStorage::Inline(o, a) => match instance::load_hinted(e.layout(), a, name, &e.hint) {
            Some(found) => Ok(found),
            // The instance made its dict meanwhile.
            None => match o.raw_dict() {
                Some(d) => dict::get_hinted(d, name, &e.hint),
                None => Ok(None),
            },
        },
        SiteStorage::Dict(d) => dict::get_hinted(d, name, &e.hint),
        SiteStorage::Nothing => Ok(None),
    }
}

/// The instance and its site entry, when `obj` is an instance of a user class (inline attributes or not)
/// whose type the site knows: the start of the fast paths below.
#[inline(always)]
fn instance_entry<'a>(site: &AttrSite, obj: &'a Value) -> Option<(&'a instance::InstAttrs, &'static SiteEntry)> {
    let Value::Obj(o) = obj else { return None };
    let Payload::Instance(a) = &o.payload else { return None };
    Some((a, site.read_instance(o.ty().addr())?))
}

/// `obj.name` through a site cache. The fast path (an instance attribute found at the remembered index) is a
/// few loads and compares inlined into the site; everything else is `getattr_at_general`.
#[inline]
pub fn getattr_at(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<Value> {
    if let Some((a, e)) = instance_entry(site, obj) {
        // INSTANCE, METHOD and CLASS_VALUE all look in the instance first.
        if e.kind <= SITE_CLASS_VALUE {
            if let Some(v) = instance::load_fast(e.layout(), a, name, &e.hint) {
                return Ok(v);
            }
        } else if e.kind == SITE_SLOT_INDEX {
            if let Some(Some(v)) = instance::slot_load(a, e.index) {
                return Ok(v);
            }
        } else if e.kind == SITE_PROPERTY {
            return property_get(e.value(), obj);
        }
    }
    getattr_at_general(site, obj, name)
}

/// `getattr_at` past its fast path.
#[inline(never)]
fn getattr_at_general(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<Value> {
    if let Some(e) = site.read(obj) {
        match e.kind {
            SITE_VALUE_NODICT | SITE_TYPE_VALUE | SITE_MODULE_VALUE => return Ok(e.value().clone()),
            SITE_METHOD_NODICT => return Ok(bind_method_value(e.value(), obj)),
            SITE_TYPE_METHOD => return Ok(new_bound_method(e.value().clone(), obj.clone())),
            SITE_CLASS_OF => return Ok(Value::Obj(obj.ty().clone())),
            SITE_TUPLE_ITEM => return tuple_item_at(e.value(), obj).map_or_else(|| getattr(obj, name), Ok),
            SITE_PROPERTY => return property_get(e.value(), obj),
            SITE_GENERAL => return getattr(obj, name),
            SITE_SLOT_INDEX => {
                if let Value::Obj(o) = obj {
                    if let Some(Some(x)) = instance::slot_value(o, e.index) {
                        return Ok(x);
                    }
                }
                return getattr(obj, name);
            }
            _ => {}
        }
        let found = site_lookup(obj, name, e)?;
        match (e.kind, found) {
            (_, Some(x)) => return Ok(x),
            (SITE_METHOD, None) => return Ok(bind_method_value(e.value(), obj)),
            (SITE_CLASS_VALUE, None) => return Ok(e.value().clone()),
            _ => {}
        }
        return getattr(obj, name);
    }
    getattr_fill(site, obj, name)
}

/// The item a cached `_tuplegetter` reads from `obj`, when it is in range (`None` takes the general path).
#[inline]
fn tuple_item_at(getter: &Value, obj: &Value) -> Option<Value> {
    let i = tuplegetter::index_of(getter)?;
    obj.as_tuple()?.get(usize::try_from(i).ok()?).cloned()
}

fn bind_method_value(m: &Value, obj: &Value) -> Value {
    match m.payload() {
        Some(Payload::BuiltinFunction(b)) => bind_builtin(b, obj.clone()),
        _ => new_bound_method(m.clone(), obj.clone()),
    }
}

#[cold]
fn getattr_fill(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<Value> {
    let r = getattr(obj, name)?;
    fill_load(site, obj, name);
    Ok(r)
}

/// `obj.name = value` through a site cache. The fast path (replacing an instance attribute at the remembered
/// index) is inlined into the site; everything else is `setattr_at_general`.
#[inline]
pub fn setattr_at(site: &AttrSite, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let value = match instance_entry(site, obj) {
        Some((a, e)) if matches!(e.kind, SITE_INSTANCE | SITE_CLASS_VALUE) => {
            match instance::replace_fast(e.layout(), a, name, value, &e.hint) {
                Ok(old) => {
                    // Dropped after the write section: freeing it may run Python code.
                    drop(old);
                    return Ok(());
                }
                Err(value) => value,
            }
        }
        Some((a, e)) if e.kind == SITE_SLOT_INDEX => match instance::slot_store(a, e.index, Some(value)) {
            Ok(_) => return Ok(()),
            Err(value) => value.unwrap_or(Value::None),
        },
        _ => value,
    };
    setattr_at_general(site, obj, name, value)
}

/// `setattr_at` past its fast path.
#[inline(never)]
fn setattr_at_general(site: &AttrSite, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    if let Some(e) = site.read(obj) {
        if e.kind == SITE_SLOT_INDEX {
            if let Value::Obj(o) = obj {
                return match instance::set_slot_value(o, e.index, Some(value)) {
                    Ok(_) => Ok(()),
                    Err(value) => setattr(obj, name, value.unwrap_or(Value::None)),
                };
            }
        }
        if matches!(e.kind, SITE_INSTANCE | SITE_CLASS_VALUE | SITE_SLOT) {
            match site_storage(obj) {
                SiteStorage::Inline(o, a) => {
                    instance::store_hinted(o, e.layout(), a, name, value, &e.hint);
                    return Ok(());
                }
                SiteStorage::Dict(d) => return dict::set_hinted(d, name, value, &e.hint),
                SiteStorage::Nothing => {}
            }
        }
        return setattr(obj, name, value);
    }
    setattr_fill(site, obj, name, value)
}

#[cold]
fn setattr_fill(site: &AttrSite, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    setattr(obj, name, value)?;
    // Only instances of user classes whose payload has no attributes of its own (exceptions' `args`,
    // functions' `__name__`, ... are stored in the payload, not the dict).
    let plain = match obj {
        Value::Obj(o) => {
            type_obj(o.ty()).heap
                && !matches!(
                    o.payload,
                    Payload::Exception(_)
                        | Payload::Function(_)
                        | Payload::Descriptor(_)
                        | Payload::Type(_)
                        | Payload::Module(_)
                )
        }
        _ => false,
    };
    let stored = !matches!(site_storage(obj), SiteStorage::Nothing) || type_obj(obj.ty()).slot_array;
    if let (Some(n), true, true) = (name.as_str(), stored, plain) {
        if site.saturated() {
            return Ok(());
        }
        // Stores go straight to the instance dict (or the slot storage) when nothing on the type intercepts
        // them: no data descriptor but the slot's own member (a plain class value or function is fine, unless
        // the instances have no `__dict__` to store into) and no custom `__setattr__`. Anything else is
        // recorded as general, so that the next store does not classify the name again.
        let (versions, kind, value) = classify(obj.ty(), n);
        let custom = type_::type_flags(obj.ty()) & TypeFlags::CUSTOM_SETATTR != 0;
        match (kind, value) {
            _ if custom => site.fill(obj.ty(), None, versions, SITE_GENERAL, None),
            (SITE_INSTANCE | SITE_CLASS_VALUE, _) => site.fill(obj.ty(), None, versions, SITE_INSTANCE, None),
            (SITE_SLOT | SITE_SLOT_INDEX, value) => site.fill(obj.ty(), None, versions, kind, value),
            _ => site.fill(obj.ty(), None, versions, SITE_GENERAL, None),
        }
    }
    Ok(())
}

/// `obj.name` for a call, through a site cache: `(callable, true)` when the callable wants `obj` as its
/// first argument (see `rt::load_method`).
#[inline]
pub fn load_method_at(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<(Value, bool)> {
    // The fast path: a method of the object's type that the object cannot shadow (no `__dict__`), or that no
    // instance of a user class ever shadowed (the layout's names).
    if let Value::Obj(o) = obj {
        if let Some(e) = site.read_instance(o.ty().addr()) {
            let unshadowed = match (e.kind, &o.payload) {
                (SITE_METHOD_NODICT, Payload::Instance(_)) => true,
                (SITE_METHOD, Payload::Instance(a)) => instance::lacks_fast(e.layout(), a, name),
                // A class or module has no entry of these kinds (`fill_load` leaves them to the general path).
                (SITE_METHOD, Payload::Type(_) | Payload::Module(_)) => false,
                // Objects of native types: only an instance of a subclass has a `__dict__`.
                (SITE_METHOD, _) => o.raw_dict().is_none(),
                _ => false,
            };
            if unshadowed {
                return Ok((e.value().clone(), true));
            }
        }
    }
    load_method_at_general(site, obj, name)
}

/// `load_method_at` past its fast path.
#[inline(never)]
fn load_method_at_general(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<(Value, bool)> {
    if let Some(e) = site.read(obj) {
        match e.kind {
            SITE_METHOD_NODICT | SITE_TYPE_METHOD => return Ok((e.value().clone(), true)),
            SITE_VALUE_NODICT | SITE_TYPE_VALUE | SITE_MODULE_VALUE => return Ok((e.value().clone(), false)),
            SITE_PROPERTY => return Ok((property_get(e.value(), obj)?, false)),
            SITE_CLASS_OF => return Ok((Value::Obj(obj.ty().clone()), false)),
            SITE_GENERAL => return crate::rt::load_method(obj, name),
            SITE_TUPLE_ITEM => {
                if let Some(x) = tuple_item_at(e.value(), obj) {
                    return Ok((x, false));
                }
                return crate::rt::load_method(obj, name);
            }
            SITE_SLOT_INDEX => {
                if let Value::Obj(o) = obj {
                    if let Some(Some(x)) = instance::slot_value(o, e.index) {
                        return Ok((x, false));
                    }
                }
                return crate::rt::load_method(obj, name);
            }
            _ => {}
        }
        let found = site_lookup(obj, name, e)?;
        match (e.kind, found) {
            (_, Some(x)) => return Ok((x, false)),
            (SITE_METHOD, None) => return Ok((e.value().clone(), true)),
            (SITE_CLASS_VALUE, None) => return Ok((e.value().clone(), false)),
            _ => {}
        }
        return crate::rt::load_method(obj, name);
    }
    load_method_fill(site, obj, name)
}

#[cold]
fn load_method_fill(site: &AttrSite, obj: &Value, name: &Value) -> PyResult<(Value, bool)> {
    let r = crate::rt::load_method(obj, name)?;
    fill_load(site, obj, name);
    Ok(r)
}
