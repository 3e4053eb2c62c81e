//! `_contextvars` (what `contextvars` re-exports): `ContextVar`, `Token`, `Context` and `copy_context`.
//!
//! A context is an immutable mapping from variables to values, shared copy-on-write: `copy_context()` and
//! `Context.copy()` share the mapping, and `ContextVar.set` replaces the current context's mapping with a new one
//! (an `Arc` swapped under the context's lock, which is never held while Python code runs). Each thread has its
//! own current context, made empty on first use, as in CPython 3.12 (a new thread does not inherit its creator's
//! context); `Context.run` makes a context current on the calling thread for the duration of a call, and a
//! context can be current in only one thread at a time ("is already entered").
//!
//! NOTE: CPython keeps the mapping in a HAMT, whose iteration order follows the variables' hashes; here it is
//! the order variables were first set, and lookups are linear (contexts hold few variables).

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::RwLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, list, module, new_native_type, tuple, type_};
use crate::error::{runtime_error, type_error, value_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

/// The variables and values of a context, in the order they were first set.
type Mapping = Arc<Vec<(ObjRef, Value)>>;

struct Context {
    vars: RwLock<Mapping>,
    /// Whether some thread is running code in this context (`run`, or as its current context).
    entered: AtomicBool,
}

struct ContextVar {
    name: Value,
    default: Option<Value>,
}

struct Token {
    ctx: ObjRef,
    var: ObjRef,
    /// `None` when the variable had no value (`Token.MISSING`).
    old: Option<Value>,
    used: AtomicBool,
}

struct Types {
    context: ObjRef,
    var: ObjRef,
    token: ObjRef,
    missing: Value,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let context = new_native_type("Context", "_contextvars", false);
        add_methods(&context, CONTEXT_METHODS);
        let d = &type_::type_obj(&context).dict;
        dict::set_str(d, "__new__", crate::builtins::object::static_method(new_builtin("__new__", context_new, None)));
        // Contexts are mutable mappings in spirit: unhashable, as in CPython.
        dict::set_str(d, "__hash__", Value::None);

        let var = new_native_type("ContextVar", "_contextvars", false);
        add_methods(&var, VAR_METHODS);
        let d = &type_::type_obj(&var).dict;
        dict::set_str(d, "__new__", crate::builtins::object::static_method(new_builtin("__new__", var_new, None)));
        let getter = new_builtin("name", var_name, Some(var.clone()));
        dict::set_str(
            d,
            "name",
            crate::builtins::descriptor::make_property(getter, Value::None, Value::None, Value::None),
        );

        let token = new_native_type("Token", "_contextvars", false);
        add_methods(&token, TOKEN_METHODS);
        let d = &type_::type_obj(&token).dict;
        for (name, f) in [("var", token_var as NativeFn), ("old_value", token_old_value)] {
            let getter = new_builtin(name, f, Some(token.clone()));
            dict::set_str(
                d,
                name,
                crate::builtins::descriptor::make_property(getter, Value::None, Value::None, Value::None),
            );
        }
        let missing_ty = new_native_type("Token.MISSING", "_contextvars", false);
        add_methods(&missing_ty, &[("__repr__", missing_repr)]);
        let missing = Value::Obj(ObjRef::new(&missing_ty, Payload::Native(NativeBox::new(()))).make_immortal());
        dict::set_str(d, "MISSING", missing.clone());
        Types { context, var, token, missing }
    })
}

fn new_context(vars: Mapping) -> ObjRef {
    ObjRef::new(
        &types().context,
        Payload::Native(NativeBox::new(Context { vars: RwLock::new(vars), entered: AtomicBool::new(false) })),
    )
}

thread_local! {
    /// This thread's current context, made on first use.
    static CURRENT: RefCell<Option<ObjRef>> = const { RefCell::new(None) };
}

/// The calling thread's current context.
fn current() -> ObjRef {
    CURRENT.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| {
                let ctx = new_context(Arc::new(Vec::new()));
                if let Some(c) = ctx.payload.native::<Context>() {
                    // Relaxed: only this thread can see the new context yet.
                    c.entered.store(true, Ordering::Relaxed);
                }
                ctx
            })
            .clone()
    })
}

fn ctx_of(v: &Value) -> PyResult<&Context> {
    v.payload().and_then(|p| p.native::<Context>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_contextvars.Context' object but received a '{}'", v.type_name()))
    })
}

fn var_of(v: &Value) -> PyResult<&ContextVar> {
    v.payload().and_then(|p| p.native::<ContextVar>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_contextvars.ContextVar' object but received a '{}'", v.type_name()))
    })
}

fn token_of(v: &Value) -> PyResult<&Token> {
    v.payload().and_then(|p| p.native::<Token>()).ok_or_else(|| {
        type_error(format!("descriptor requires a '_contextvars.Token' object but received a '{}'", v.type_name()))
    })
}

fn lookup(vars: &Mapping, var: &ObjRef) -> Option<Value> {
    vars.iter().find(|(k, _)| k.ptr_eq(var)).map(|(_, v)| v.clone())
}

/// A copy of `vars` with `var` set to `value` (or removed, for `None`).
fn with_value(vars: &Mapping, var: &ObjRef, value: Option<Value>) -> Mapping {
    let mut v: Vec<(ObjRef, Value)> = vars.as_ref().clone();
    match (v.iter().position(|(k, _)| k.ptr_eq(var)), value) {
        (Some(i), Some(x)) => v[i].1 = x,
        (Some(i), None) => {
            v.remove(i);
        }
        (None, Some(x)) => v.push((var.clone(), x)),
        (None, None) => {}
    }
    Arc::new(v)
}

// ---- Context ----

fn context_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 || !kwargs.is_empty() {
        return Err(type_error("Context() does not accept any arguments"));
    }
    Ok(Value::Obj(new_context(Arc::new(Vec::new()))))
}

fn snapshot(this: &Value) -> PyResult<Mapping> {
    Ok(ctx_of(this)?.vars.read().clone())
}

fn var_key(key: &Value) -> PyResult<ObjRef> {
    match key.as_obj() {
        Some(o) if o.ty().ptr_eq(&types().var) => Ok(o.clone()),
        _ => Err(type_error(format!("a ContextVar key was expected, got {}", crate::ops::format::repr(key)?))),
    }
}

fn context_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__getitem__", args, kwargs).exact(2)?;
    let vars = snapshot(&a[0])?;
    let var = var_key(&a[1])?;
    lookup(&vars, &var).ok_or_else(|| crate::error::key_error(a[1].clone()))
}

fn context_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__contains__", args, kwargs).exact(2)?;
    let vars = snapshot(&a[0])?;
    let var = var_key(&a[1])?;
    Ok(Value::Bool(lookup(&vars, &var).is_some()))
}

fn context_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("get", args, kwargs).between(2, 3)?;
    let vars = snapshot(&a[0])?;
    let var = var_key(&a[1])?;
    Ok(lookup(&vars, &var).unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
}

fn context_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__len__", args, kwargs).exact(1)?;
    Ok(Value::Int(snapshot(&a[0])?.len() as i64))
}

fn context_keys(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("keys", args, kwargs).exact(1)?;
    Ok(list::new_list(snapshot(&a[0])?.iter().map(|(k, _)| Value::Obj(k.clone())).collect()))
}

fn context_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::ops::iter::iter(&context_keys(args, kwargs)?)
}

fn context_values(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("values", args, kwargs).exact(1)?;
    Ok(list::new_list(snapshot(&a[0])?.iter().map(|(_, v)| v.clone()).collect()))
}

fn context_items(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("items", args, kwargs).exact(1)?;
    let items =
        snapshot(&a[0])?.iter().map(|(k, v)| tuple::new_tuple_array([Value::Obj(k.clone()), v.clone()])).collect();
    Ok(list::new_list(items))
}

fn context_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("copy", args, kwargs).exact(1)?;
    Ok(Value::Obj(new_context(snapshot(&a[0])?)))
}

fn context_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("__eq__", args, kwargs).exact(2)?;
    if ctx_of(&a[1]).is_err() {
        return Ok(crate::builtins::list::not_implemented());
    }
    let (x, y) = (snapshot(&a[0])?, snapshot(&a[1])?);
    if x.len() != y.len() {
        return Ok(Value::Bool(false));
    }
    for (k, v) in x.iter() {
        // Values are compared with no lock held (`__eq__` may be Python code).
        match lookup(&y, k) {
            Some(w) if crate::ops::compare::eq_bool(v, &w)? => {}
            _ => return Ok(Value::Bool(false)),
        }
    }
    Ok(Value::Bool(true))
}

/// `Context.run(callable, *args, **kwargs)`: calls `callable` with this context current on the calling thread.
fn context_run(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error("run() missing 1 required positional argument"));
    }
    let this = &args[0];
    let ctx = ctx_of(this)?;
    // AcqRel: entering pairs with the Release store of the previous exit, so this thread sees the mapping as the
    // last thread to run in the context left it (the mapping itself is also behind its lock).
    if ctx.entered.swap(true, Ordering::AcqRel) {
        return Err(runtime_error(format!(
            "cannot enter context: {} is already entered",
            crate::ops::format::repr(this)?
        )));
    }
    let obj = this.as_obj().expect("context").clone();
    let prev = CURRENT.with(|c| c.borrow_mut().replace(obj));
    let r = crate::ops::call::call(&args[1], &args[2..], kwargs);
    CURRENT.with(|c| *c.borrow_mut() = prev);
    // Release: see above.
    ctx.entered.store(false, Ordering::Release);
    r
}

fn context_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    Ok(Value::from(format!("<_contextvars.Context object at {addr:#x}>").as_str()))
}

const CONTEXT_METHODS: &[(&str, NativeFn)] = &[
    ("__getitem__", context_getitem),
    ("__contains__", context_contains),
    ("__len__", context_len),
    ("__iter__", context_iter),
    ("__eq__", context_eq),
    ("__repr__", context_repr),
    ("get", context_get),
    ("keys", context_keys),
    ("values", context_values),
    ("items", context_items),
    ("copy", context_copy),
    ("run", context_run),
];

// ---- ContextVar ----

fn var_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("ContextVar", &args[1.min(args.len())..], kwargs).bind(&["name", "default"], 1)?;
    let name = a[0].clone().unwrap_or(Value::None);
    if name.as_str().is_none() {
        return Err(type_error("context variable name must be a str"));
    }
    if args.len() > 2 {
        return Err(type_error(format!("ContextVar() takes exactly 1 positional argument ({} given)", args.len() - 1)));
    }
    let var = ContextVar { name, default: a[1].clone() };
    Ok(Value::Obj(ObjRef::new(&types().var, Payload::Native(NativeBox::new(var)))))
}

fn var_name(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(var_of(&args[0])?.name.clone())
}

/// `ContextVar.get([default])`.
fn var_get(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("get", args, kwargs).between(1, 2)?;
    let var = var_of(&a[0])?;
    let key = a[0].as_obj().expect("context variable");
    let ctx = current();
    let found = ctx.payload.native::<Context>().and_then(|c| lookup(&c.vars.read(), key));
    if let Some(v) = found.or_else(|| a.get(1).cloned()).or_else(|| var.default.clone()) {
        return Ok(v);
    }
    Err(PyErr::with_args(ExcKind::LookupError, vec![a[0].clone()]))
}

/// `ContextVar.set(value)`: a `Token` that `reset` can undo it with.
fn var_set(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("set", args, kwargs).exact(2)?;
    var_of(&a[0])?;
    let key = a[0].as_obj().expect("context variable");
    let ctx = current();
    let c = ctx.payload.native::<Context>().expect("context");
    let old = {
        let mut vars = c.vars.write();
        let old = lookup(&vars, key);
        let new = with_value(&vars, key, Some(a[1].clone()));
        // The replaced mapping is dropped after unlocking: freeing values may run code.
        let replaced = std::mem::replace(&mut *vars, new);
        drop(vars);
        drop(replaced);
        old
    };
    let token = Token { ctx, var: key.clone(), old, used: AtomicBool::new(false) };
    Ok(Value::Obj(ObjRef::new(&types().token, Payload::Native(NativeBox::new(token)))))
}

/// `ContextVar.reset(token)`: restores the value the variable had before the `set` that made `token`.
fn var_reset(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("reset", args, kwargs).exact(2)?;
    var_of(&a[0])?;
    let key = a[0].as_obj().expect("context variable");
    let Ok(token) = token_of(&a[1]) else {
        return Err(type_error(format!("expected an instance of Token, got {}", crate::ops::format::repr(&a[1])?)));
    };
    let tr = || crate::ops::format::repr(&a[1]);
    if token.used.load(Ordering::Acquire) {
        return Err(runtime_error(format!("{} has already been used once", tr()?)));
    }
    if !token.var.ptr_eq(key) {
        return Err(value_error(format!("{} was created by a different ContextVar", tr()?)));
    }
    let ctx = current();
    if !token.ctx.ptr_eq(&ctx) {
        return Err(value_error(format!("{} was created in a different Context", tr()?)));
    }
    // AcqRel: a token is used at most once even when threads race to reset it.
    if token.used.swap(true, Ordering::AcqRel) {
        return Err(runtime_error(format!("{} has already been used once", tr()?)));
    }
    let c = ctx.payload.native::<Context>().expect("context");
    let mut vars = c.vars.write();
    let new = with_value(&vars, key, token.old.clone());
    let replaced = std::mem::replace(&mut *vars, new);
    drop(vars);
    drop(replaced);
    Ok(Value::None)
}

fn var_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let var = var_of(&args[0])?;
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    let mut s = format!("<ContextVar name={}", crate::ops::format::repr(&var.name)?);
    if let Some(d) = &var.default {
        s.push_str(&format!(" default={}", crate::ops::format::repr(d)?));
    }
    s.push_str(&format!(" at {addr:#x}>"));
    Ok(Value::from(s.as_str()))
}

fn var_class_getitem(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args[0].clone())
}

const VAR_METHODS: &[(&str, NativeFn)] =
    &[("get", var_get), ("set", var_set), ("reset", var_reset), ("__repr__", var_repr)];

// ---- Token ----

fn token_var(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Obj(token_of(&args[0])?.var.clone()))
}

fn token_old_value(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(token_of(&args[0])?.old.clone().unwrap_or_else(|| types().missing.clone()))
}

fn token_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = token_of(&args[0])?;
    let addr = args[0].as_obj().map_or(0, |o| o.addr());
    let used = if t.used.load(Ordering::Acquire) { " used" } else { "" };
    let var = crate::ops::format::repr(&Value::Obj(t.var.clone()))?;
    Ok(Value::from(format!("<Token{used} var={var} at {addr:#x}>").as_str()))
}

fn missing_repr(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::from("<Token.MISSING>"))
}

const TOKEN_METHODS: &[(&str, NativeFn)] = &[("__repr__", token_repr)];

// ---- module ----

fn copy_context(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("copy_context", args, kwargs).exact(0)?;
    let ctx = current();
    let vars = ctx.payload.native::<Context>().expect("context").vars.read().clone();
    Ok(Value::Obj(new_context(vars)))
}

/// The `_contextvars` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("_contextvars").make_immortal();
        let d = module::module_dict(&m);
        let t = types();
        dict::set_str(d, "copy_context", new_builtin("copy_context", copy_context, None));
        dict::set_str(d, "Context", Value::Obj(t.context.clone()));
        dict::set_str(d, "ContextVar", Value::Obj(t.var.clone()));
        dict::set_str(d, "Token", Value::Obj(t.token.clone()));
        let cg = new_builtin("__class_getitem__", var_class_getitem, Some(t.var.clone()));
        dict::set_str(&type_::type_obj(&t.var).dict, "__class_getitem__", crate::builtins::object::class_method(cg));
        m
    })
    .clone())
}
