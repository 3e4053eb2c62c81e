//! `_thread._local` (what `threading.local` is): an object whose attributes are separate for each thread.
//!
//! Each instance keeps one attribute dict per thread, keyed by the thread's ident, behind a mutex taken only to
//! find or insert a dict (never while Python code runs). A thread that first touches an instance gets a fresh
//! dict and, when the instance's class defines `__init__`, that `__init__` is called again with the arguments the
//! instance was created with, as CPython does. A thread's dicts are dropped when the thread ends: each thread
//! remembers (weakly) the instances it has a dict in, and the thread's exit hook removes its entries.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, dict, type_};
use crate::error::{attribute_error, type_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::args::Args;
use crate::ops::attr;
use crate::Value;

/// The state of one `_local` instance.
pub struct LocalInner {
    /// The arguments the instance was created with, for `__init__` in other threads.
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
    /// Each thread's attribute dict, by thread ident.
    dicts: Mutex<HashMap<u64, ObjRef>>,
}

/// The payload of a `_local` instance (an `Arc`, so threads can hold weak references to it).
struct Local(Arc<LocalInner>);

thread_local! {
    /// The `_local` instances this thread has a dict in, so its exit can remove them.
    static TOUCHED: RefCell<Vec<Weak<LocalInner>>> = const { RefCell::new(Vec::new()) };
}

/// Drops the calling thread's dicts from every `_local` instance; called when a thread started by
/// `start_new_thread` finishes (before its sentinel locks are released, so a thread that `join`s sees them gone).
pub fn thread_exit() {
    let me = super::thread_id();
    let touched = TOUCHED.with(|t| std::mem::take(&mut *t.borrow_mut()));
    for w in touched {
        if let Some(inner) = w.upgrade() {
            // Dropped after the mutex is released: freeing the dict may run `__del__`.
            let removed = inner.dicts.lock().remove(&me);
            drop(removed);
        }
    }
}

fn local_of(v: &Value) -> PyResult<&Arc<LocalInner>> {
    match v.payload().and_then(|p| p.native::<Local>()) {
        Some(l) => Ok(&l.0),
        None => {
            Err(type_error(format!("descriptor requires a '_thread._local' object but received a '{}'", v.type_name())))
        }
    }
}

/// Whether instances of `ty` have an `__init__` of their own (not `object.__init__`).
fn has_init(ty: &ObjRef) -> Option<Value> {
    let object = &crate::builtins::types().object;
    type_::lookup(ty, "__init__").filter(|i| !type_::native_is(i, object, "__init__"))
}

/// The calling thread's dict for `this`, made (and `__init__` run in it) on first use.
fn thread_dict(this: &Value) -> PyResult<ObjRef> {
    let inner = local_of(this)?;
    let me = super::thread_id();
    if let Some(d) = inner.dicts.lock().get(&me) {
        return Ok(d.clone());
    }
    let d = dict::new_dict_obj();
    inner.dicts.lock().insert(me, d.clone());
    TOUCHED.with(|t| {
        let mut t = t.borrow_mut();
        // Forget instances that died, so a long-lived thread touching many short-lived locals stays small.
        if t.len() >= 64 && t.len().is_power_of_two() {
            t.retain(|w| w.strong_count() > 0);
        }
        t.push(Arc::downgrade(inner));
    });
    if let Some(init) = has_init(this.ty()) {
        // No lock is held here: `__init__` is Python code and may touch this very local.
        if let Err(e) = type_::call_special(&init, this, &inner.args, &inner.kwargs) {
            let removed = inner.dicts.lock().remove(&me);
            drop(removed);
            return Err(e);
        }
    }
    Ok(d)
}

/// `_local.__new__(cls, *args, **kwargs)`.
fn local_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ty = &super::types().local;
    let cls = type_::new_wrapper_check(ty, args)?.clone();
    if (args.len() > 1 || !kwargs.is_empty()) && has_init(&cls).is_none() {
        return Err(type_error("Initialization arguments are not supported"));
    }
    let inner =
        Arc::new(LocalInner { args: args[1..].to_vec(), kwargs: kwargs.to_vec(), dicts: Mutex::new(HashMap::new()) });
    // The creating thread's dict exists from the start; `type.__call__` runs `__init__` in it.
    inner.dicts.lock().insert(super::thread_id(), dict::new_dict_obj());
    TOUCHED.with(|t| t.borrow_mut().push(Arc::downgrade(&inner)));
    let obj = crate::builtins::object::alloc(&cls, Payload::Native(NativeBox::new(Local(inner))));
    Ok(Value::Obj(obj))
}

/// The type's name as CPython's messages show it (`tp_name`: qualified by the module for the built-in type).
fn tp_name(this: &Value) -> String {
    let ty = this.ty();
    if ty.ptr_eq(&super::types().local) {
        "_thread._local".to_string()
    } else {
        type_::type_name(ty).to_string()
    }
}

fn no_attribute(this: &Value, name: &str) -> crate::error::PyErr {
    attribute_error(format!("'{}' object has no attribute '{name}'", tp_name(this)))
}

fn name_arg(v: &Value) -> PyResult<&str> {
    v.as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", v.type_name())))
}

/// `__getattribute__`: `object.__getattribute__` with the calling thread's dict as the instance dict.
fn local_getattribute(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__getattribute__", args, kwargs).exact(2)?;
    let (this, name) = (&a[0], name_arg(&a[1])?);
    let d = thread_dict(this)?;
    if name == "__dict__" {
        return Ok(Value::Obj(d));
    }
    let ty = this.ty();
    let owner = Value::Obj(ty.clone());
    let descr = type_::lookup(ty, name);
    if let Some(x) = descr.as_ref().filter(|x| attr::is_data_descriptor(x)) {
        return attr::bind_descriptor(x.clone(), Some(this), &owner);
    }
    if let Some(x) = dict::get(&d, &a[1])? {
        return Ok(x);
    }
    match descr {
        Some(x) => attr::bind_descriptor(x, Some(this), &owner),
        None => Err(no_attribute(this, name)),
    }
}

/// `__setattr__` (`value` given) and `__delattr__`.
fn store(this: &Value, key: &Value, value: Option<Value>) -> PyResult<()> {
    let name = name_arg(key)?;
    if name == "__dict__" {
        return Err(attribute_error(format!("'{}' object attribute '__dict__' is read-only", tp_name(this))));
    }
    let d = thread_dict(this)?;
    if let Some(x) = type_::lookup(this.ty(), name) {
        if attr::descriptor_store(&x, this, name, value.clone())? {
            return Ok(());
        }
    }
    match value {
        Some(v) => dict::set(&d, key.clone(), v),
        None => match dict::remove(&d, key)? {
            Some(_) => Ok(()),
            None => Err(no_attribute(this, name)),
        },
    }
}

fn local_setattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__setattr__", args, kwargs).exact(3)?;
    store(&a[0], &a[1], Some(a[2].clone()))?;
    Ok(Value::None)
}

fn local_delattr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__delattr__", args, kwargs).exact(2)?;
    store(&a[0], &a[1], None)?;
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] =
    &[("__getattribute__", local_getattribute), ("__setattr__", local_setattr), ("__delattr__", local_delattr)];

/// Makes the `_thread._local` type.
pub fn make_type() -> ObjRef {
    let ty = crate::builtins::new_native_type("_local", "_thread", true);
    add_methods(&ty, METHODS);
    let d = &type_::type_obj(&ty).dict;
    let new = crate::builtins::function::new_builtin("__new__", local_new, Some(ty.clone()));
    dict::set_str(d, "__new__", crate::builtins::object::static_method(new));
    dict::set_str(d, "__doc__", Value::from("Thread-local data"));
    ty
}
