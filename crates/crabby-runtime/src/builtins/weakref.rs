//! Weak references (`_weakref.ref`): references that do not keep their target alive, and are cleared (with
//! their callbacks called) when it is freed.
//!
//! A registry maps each weakly referenced object's address to the weak reference objects pointing at it. The
//! registry's lock is what makes reading a weak reference safe against the target being freed concurrently:
//! an object with weak references is removed from the registry under that lock before its memory is freed
//! (`ObjRef`'s drop calls [`clear_weakrefs`]), and a weak reference only turns an address back into a
//! reference under the same lock, and only while the target's count is not zero. Callbacks run after the lock
//! is released.

use std::collections::HashMap;
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, module, new_native_type, type_};
use crate::error::{type_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

/// Target address → addresses of the weak reference objects pointing at it.
fn registry() -> &'static Mutex<HashMap<usize, Vec<usize>>> {
    static R: OnceLock<Mutex<HashMap<usize, Vec<usize>>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The state of a weak reference object.
pub struct WeakRef {
    /// The target's address while it is alive.
    target: Mutex<Option<usize>>,
    callback: Value,
    /// The target's hash, cached the first time it is asked for (CPython keeps it after the target dies).
    hash: Mutex<Option<i64>>,
}

impl Drop for WeakRef {
    fn drop(&mut self) {
        // A dying weak reference leaves its target's list, so the registry never points at freed memory.
        if let Some(t) = *self.target.get_mut() {
            let me = self as *const WeakRef as usize;
            let mut reg = registry().lock();
            if let Some(list) = reg.get_mut(&t) {
                list.retain(|w| weak_state_addr(*w) != me);
                if list.is_empty() {
                    reg.remove(&t);
                }
            }
        }
    }
}

/// The address of the `WeakRef` state inside a weak reference object (used to match registry entries).
fn weak_state_addr(obj_addr: usize) -> usize {
    // SAFETY: registry entries are addresses of live weak reference objects: each removes itself (under the
    // registry lock, held by every caller of this function) before it is freed.
    let obj = unsafe { &*(obj_addr as *const crate::object::Object) };
    obj.payload.native::<WeakRef>().map_or(0, |w| w as *const WeakRef as usize)
}

struct Types {
    reference: ObjRef,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let reference = new_native_type("ReferenceType", "weakref", true);
        add_methods(
            &reference,
            &[
                ("__init__", ref_init),
                ("__call__", ref_call),
                ("__hash__", ref_hash),
                ("__eq__", ref_eq),
                ("__ne__", ref_ne),
                ("__repr__", ref_repr),
            ],
        );
        dict::set_str(
            &type_::type_obj(&reference).dict,
            "__new__",
            crate::builtins::object::static_method(new_builtin("__new__", ref_new, None)),
        );
        crate::builtins::add_getters(&reference, &[("__callback__", ref_callback)]);
        crate::builtins::generic_alias::add_class_getitem(&reference);
        Types { reference }
    })
}

/// Whether weak references to `v` may be made (CPython allows them for objects with `__weakref__`).
fn weakrefable(v: &Value) -> bool {
    match v.payload() {
        Some(
            Payload::Instance(_)
            | Payload::Function(_)
            | Payload::Type(_)
            | Payload::Module(_)
            | Payload::Set(_)
            | Payload::Generator(_)
            | Payload::BoundMethod(_)
            | Payload::Code(_)
            | Payload::Descriptor(_)
            | Payload::Native(_),
        ) => true,
        Some(_) => type_::type_obj(v.ty()).heap,
        None => false,
    }
}

/// `ref(obj, callback=None)`.
pub fn new_ref(target: &Value, callback: Value) -> PyResult<Value> {
    new_weak(&types().reference, target, callback)
}

/// A new weak reference object of type `ty` (`ref`, a subclass of it, or a proxy type) to `target`: the
/// object carries a [`WeakRef`] state and is registered with the target.
pub(crate) fn new_weak(ty: &ObjRef, target: &Value, callback: Value) -> PyResult<Value> {
    let Some(t) = target.as_obj().filter(|_| weakrefable(target)) else {
        return Err(type_error(format!("cannot create weak reference to '{}' object", target.type_name())));
    };
    let state = WeakRef { target: Mutex::new(Some(t.addr())), callback, hash: Mutex::new(None) };
    let obj = crate::builtins::object::alloc(ty, Payload::Native(NativeBox::new(state)));
    t.mark_weakly_referenced();
    registry().lock().entry(t.addr()).or_default().push(obj.addr());
    Ok(Value::Obj(obj))
}

/// The target of a weak reference, if it is still alive.
pub fn deref(w: &WeakRef) -> Option<Value> {
    let reg = registry().lock();
    let addr = (*w.target.lock())?;
    // SAFETY: the target is in the registry (it is removed, under this lock, before being freed), so its
    // memory is allocated while we hold the lock.
    let r = unsafe { ObjRef::upgrade_raw(addr) };
    drop(reg);
    r.map(Value::Obj)
}

/// Called when an object with weak references is about to be freed: clears them and runs their callbacks.
pub fn clear_weakrefs(addr: usize) {
    let refs: Vec<ObjRef> = {
        let mut reg = registry().lock();
        let list = reg.remove(&addr).unwrap_or_default();
        list.into_iter()
            .filter_map(|w| {
                // SAFETY: registry entries are live weak reference objects (see `WeakRef::drop`), and we hold
                // the registry lock.
                let r = unsafe { ObjRef::upgrade_raw(w) }?;
                if let Some(state) = r.payload.native::<WeakRef>() {
                    *state.target.lock() = None;
                }
                Some(r)
            })
            .collect()
    };
    for r in refs {
        let Some(state) = r.payload.native::<WeakRef>() else { continue };
        if !state.callback.is_none() {
            let cb = state.callback.clone();
            if let Err(e) = crate::ops::call::call(&cb, &[Value::Obj(r.clone())], &[]) {
                let what = crate::ops::format::repr(&cb).unwrap_or_default();
                let text = crate::traceback::format_exception(&e.exc);
                crate::modules::sys::write_stderr(&format!("Exception ignored in: {what}\n{text}"));
            }
        }
    }
}

pub(crate) fn state_of(v: &Value) -> PyResult<&WeakRef> {
    v.payload().and_then(|p| p.native::<WeakRef>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'weakref.ReferenceType' object but received a '{}'", v.type_name()))
    })
}

fn ref_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // args[0] is the class: `ref` itself or a subclass such as weakref.KeyedRef.
    let cls = match args.first().and_then(Value::as_obj) {
        Some(c) if matches!(c.payload, Payload::Type(_)) && type_::is_subtype(c, &types().reference) => c.clone(),
        _ => types().reference.clone(),
    };
    // Subclasses take extra arguments of their own (KeyedRef's key), which their `__init__` consumes.
    let rest = &args[1.min(args.len())..];
    let a = if cls.ptr_eq(&types().reference) {
        Args::new("ref", rest, kwargs).between(1, 2)?
    } else {
        Args::new("ref", &rest[..rest.len().min(2)], &[]).between(1, 2)?
    };
    new_weak(&cls, &a[0], a.get(1).cloned().unwrap_or(Value::None))
}

/// `ref.__init__`: the work is done by `__new__`; the arguments were checked there.
fn ref_init(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

/// `ref.__callback__`.
fn ref_callback(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(state_of(&args[0])?.callback.clone())
}

fn ref_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("weakref", args, kwargs).exact(1)?;
    Ok(deref(state_of(&a[0])?).unwrap_or(Value::None))
}

fn ref_hash(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = state_of(&args[0])?;
    if let Some(h) = *s.hash.lock() {
        return Ok(Value::Int(h));
    }
    match deref(s) {
        Some(t) => {
            let h = crate::ops::hash::hash(&t)?;
            *s.hash.lock() = Some(h);
            Ok(Value::Int(h))
        }
        None => Err(type_error("weak object has gone away")),
    }
}

fn ref_eq(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (Some(a), Some(b)) = (args.first(), args.get(1)) else { return Err(type_error("expected 1 argument")) };
    let (Ok(sa), Ok(sb)) = (state_of(a), state_of(b)) else {
        return Ok(Value::Obj(crate::builtins::types().not_implemented.clone()));
    };
    match (deref(sa), deref(sb)) {
        (Some(x), Some(y)) => crate::ops::compare::eq(&x, &y),
        _ => Ok(Value::Bool(a.is(b))),
    }
}

fn ref_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = ref_eq(args, kwargs)?;
    match r {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(Value::Bool(!crate::ops::truthy(&other)?)),
    }
}

fn ref_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = state_of(&args[0])?;
    let me = args[0].id();
    Ok(Value::from(match deref(s) {
        Some(t) => format!("<weakref at {me:#x}; to '{}' at {:#x}>", t.type_name(), t.id()),
        None => format!("<weakref at {me:#x}; dead>"),
    }))
}

fn getweakrefcount(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("getweakrefcount", args, kwargs).exact(1)?;
    let n = a[0].as_obj().map_or(0, |o| registry().lock().get(&o.addr()).map_or(0, |l| l.len()));
    Ok(Value::Int(n as i64))
}

fn getweakrefs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("getweakrefs", args, kwargs).exact(1)?;
    let mut out = Vec::new();
    if let Some(o) = a[0].as_obj() {
        let reg = registry().lock();
        for w in reg.get(&o.addr()).cloned().unwrap_or_default() {
            // SAFETY: registry entries are live weak reference objects, and we hold the registry lock.
            if let Some(r) = unsafe { ObjRef::upgrade_raw(w) } {
                out.push(Value::Obj(r));
            }
        }
    }
    Ok(crate::builtins::list::new_list(out))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference.
fn remove_dead_weakref(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_remove_dead_weakref", args, kwargs).exact(2)?;
    let Some(d) = a[0].as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) else {
        return Err(type_error("_remove_dead_weakref() argument 1 must be dict"));
    };
    if let Some(v) = dict::get(d, &a[1])? {
        if let Ok(s) = state_of(&v) {
            if deref(s).is_none() {
                dict::remove(d, &a[1])?;
            }
        }
    }
    Ok(Value::None)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getweakrefcount", getweakrefcount),
    ("getweakrefs", getweakrefs),
    ("_remove_dead_weakref", remove_dead_weakref),
    ("proxy", crate::builtins::weakproxy::proxy),
];

/// The `_weakref` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("_weakref").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        let t = types();
        dict::set_str(d, "ref", Value::Obj(t.reference.clone()));
        dict::set_str(d, "ReferenceType", Value::Obj(t.reference.clone()));
        let (plain, callable) = crate::builtins::weakproxy::proxy_types();
        dict::set_str(d, "ProxyType", Value::Obj(plain.clone()));
        dict::set_str(d, "CallableProxyType", Value::Obj(callable.clone()));
        m
    })
    .clone())
}
