//! `super`: attribute lookup that starts after a given class in the MRO of an object's type. The compiler
//! turns a zero-argument `super()` in a method into `super(__class__, <first argument>)`.

use crate::builtins::type_::{self, type_obj};
use crate::builtins::types;
use crate::error::{runtime_error, type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

pub struct SuperObj {
    /// The class whose successors are searched (`__thisclass__`).
    pub start: ObjRef,
    /// The bound object (an instance, or a class for class methods); `None` for an unbound `super(T)`.
    pub obj: Value,
    /// The type whose MRO is searched (`__self_class__`): `type(obj)`, or `obj` itself when it is a subclass
    /// of `start`; `None` when unbound.
    pub obj_type: Option<ObjRef>,
}

/// `super(type, obj)` (the compiler passes `__class__` and the first argument for `super()`).
pub fn new_super(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("super() takes no keyword arguments"));
    }
    let (start, obj) = match args {
        [] => return Err(runtime_error("super(): no arguments")),
        [t] => (t.clone(), Value::None),
        [t, o] => (t.clone(), o.clone()),
        _ => return Err(type_error(format!("super() expected at most 2 arguments, got {}", args.len()))),
    };
    let Some(Payload::Type(_)) = start.payload() else {
        return Err(type_error(format!("super() argument 1 must be a type, not {}", start.type_name())));
    };
    let start = start.as_obj().expect("type").clone();
    let obj_type = if obj.is_none() && args.len() == 1 {
        None
    } else {
        Some(match obj.payload() {
            Some(Payload::Type(_)) if type_::is_subtype(obj.as_obj().expect("type"), &start) => {
                obj.as_obj().expect("type").clone()
            }
            _ if type_::is_subtype(obj.ty(), &start) => obj.ty().clone(),
            _ => return Err(type_error("super(type, obj): obj must be an instance or subtype of type")),
        })
    };
    Ok(Value::Obj(ObjRef::new(&types().super_, Payload::Super(SuperObj { start, obj, obj_type }))))
}

/// A zero-argument `super()` in a method, given what the name `super` holds, the `__class__` cell's value
/// and the first argument: `super(class, this)` for the built-in `super` (or a subclass of it); anything
/// else the name holds is called with no arguments, as CPython calls it.
pub fn call_super_zero(sup: &Value, class: &Value, this: &Value) -> PyResult<Value> {
    let t = types();
    match sup.payload() {
        Some(Payload::Type(_)) if sup.as_obj().is_some_and(|s| s.ptr_eq(&t.super_)) => {
            new_super(&[class.clone(), this.clone()], &[])
        }
        Some(Payload::Type(_)) if type_::is_subtype(sup.as_obj().expect("type"), &t.super_) => {
            ops::call::call(sup, &[class.clone(), this.clone()], &[])
        }
        _ => ops::call::call(sup, &[], &[]),
    }
}

/// `super().name` loaded for a call (`super().__init__(...)`; CPython 3.12's `LOAD_SUPER_ATTR` for a
/// method): `sup` is what the name `super` holds, `class` the `__class__` cell's value, `this` the first
/// argument. When `sup` is the built-in `super`, the attribute is found as `super(class, this).name` would
/// find it, without making the super object, and a plain function found for an instance is returned
/// unbound with `true` (call it with `this` first, as `rt::call_loaded_owned` does), so no bound method is
/// made either. Anything else (a rebound `super`, `__class__`, a name no class after `class` defines) goes
/// the general way, which raises CPython's errors.
pub fn load_super_method(sup: &Value, class: &Value, this: &Value, name: &Value) -> PyResult<(Value, bool)> {
    if let (Some(s), Some(Payload::Type(_)), Some(n)) = (sup.as_obj(), class.payload(), name.as_str()) {
        let start = class.as_obj().expect("type");
        if s.ptr_eq(&types().super_) && n != "__class__" {
            // The type whose MRO is searched, as `new_super` picks it.
            let obj_type = match this.payload() {
                Some(Payload::Type(_)) if type_::is_subtype(this.as_obj().expect("type"), start) => {
                    Some(this.as_obj().expect("type"))
                }
                _ if type_::is_subtype(this.ty(), start) => Some(this.ty()),
                _ => None,
            };
            if let Some(obj_type) = obj_type {
                if let Some(v) = find_after(obj_type, start, name) {
                    let instance = !this.as_obj().is_some_and(|o| o.ptr_eq(obj_type));
                    if instance && matches!(v.payload(), Some(Payload::Function(_))) {
                        return Ok((v, true));
                    }
                    let bound = ops::attr::bind_descriptor(v, instance.then_some(this), &Value::Obj(obj_type.clone()))?;
                    return Ok((bound, false));
                }
            }
        }
    }
    let s = call_super_zero(sup, class, this)?;
    Ok((ops::attr::getattr(&s, name)?, false))
}

/// The value of `key` in the first namespace after `start` in `obj_type`'s MRO (after all of it when
/// `start` is not there, as CPython's `super` does).
fn find_after(obj_type: &ObjRef, start: &ObjRef, key: &Value) -> Option<Value> {
    // Read under the MRO's read lock: dict reads of a str key run no Python code.
    let mro = type_obj(obj_type).mro.read();
    let pos = mro.iter().position(|t| t.ptr_eq(start)).map_or(mro.len(), |p| p + 1);
    mro[pos..].iter().find_map(|t| crate::builtins::dict::get(&type_obj(t).dict, key).ok().flatten())
}

/// `super_obj.name`: the MRO of `obj_type` after `start`, then the super object's own attributes.
pub fn super_getattr(this: &Value, s: &SuperObj, name: &str, key: Option<&Value>) -> PyResult<Value> {
    if let (Some(obj_type), false) = (&s.obj_type, name == "__class__") {
        // The namespaces are read under the MRO's read lock (dict reads run no Python code); binding the
        // value found happens after it is released.
        let found = {
            let mro = type_obj(obj_type).mro.read();
            let pos = mro.iter().position(|t| t.ptr_eq(&s.start)).map_or(mro.len(), |p| p + 1);
            mro[pos..].iter().find_map(|t| match key {
                // A str key compares without Python code, so the lookup cannot fail.
                Some(k) => crate::builtins::dict::get(&type_obj(t).dict, k).ok().flatten(),
                None => crate::builtins::dict::get_str(&type_obj(t).dict, name),
            })
        };
        if let Some(v) = found {
            let instance = if s.obj.as_obj().is_some_and(|o| o.ptr_eq(obj_type)) { None } else { Some(&s.obj) };
            return ops::attr::bind_descriptor(v, instance, &Value::Obj(obj_type.clone()));
        }
    }
    ops::attr::generic_getattr(this, name)
}

/// The super object's own attributes (`__thisclass__`, `__self__`, `__self_class__`).
pub fn super_attr(s: &SuperObj, name: &str) -> Option<Value> {
    match name {
        "__thisclass__" => Some(Value::Obj(s.start.clone())),
        "__self__" => Some(s.obj.clone()),
        "__self_class__" => Some(s.obj_type.clone().map_or(Value::None, Value::Obj)),
        _ => None,
    }
}

pub fn super_repr(s: &SuperObj) -> String {
    match &s.obj_type {
        Some(t) => format!("<super: <class '{}'>, <{} object>>", type_::type_name(&s.start), type_::type_name(t)),
        None => format!("<super: <class '{}'>, NULL>", type_::type_name(&s.start)),
    }
}

pub fn register() {}
