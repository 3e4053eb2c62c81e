//! `_functools`: the native half of `functools` (`reduce`, `partial`, `cmp_to_key`), as CPython 3.12's
//! `Modules/_functoolsmodule.c` provides it. CPython's `functools.py` imports these names and keeps its pure
//! Python versions only when they are missing, so behaviour, reprs and messages follow the C module.
//!
//! `partial` objects and the keys `cmp_to_key` makes are immutable after construction: their state is a plain
//! Rust value behind `Payload::Native`, shared freely between threads; only a partial's `__dict__` (a dict
//! object, with its own lock) changes.
//!
//! NOTE: `_lru_cache_wrapper` is not provided; `functools.py` then uses its pure-Python `lru_cache`, which
//! behaves the same (its `cache_info()` and wrapper attributes included).

use std::sync::OnceLock;

use crate::builtins::descriptor::make_property;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::object::static_method;
use crate::builtins::{add_methods, dict, int, module, new_native_type, tuple, type_};
use crate::error::{attribute_error, type_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// reduce

fn reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("reduce() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(type_error(format!("reduce expected at least 2 arguments, got {}", args.len())));
    }
    if args.len() > 3 {
        return Err(type_error(format!("reduce expected at most 3 arguments, got {}", args.len())));
    }
    let func = &args[0];
    let it = ops::iter::iter(&args[1]).map_err(|e| {
        if e.matches(crate::builtins::exceptions::ExcKind::TypeError) {
            type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut result = args.get(2).cloned();
    while let Some(x) = ops::iter::next(&it)? {
        result = Some(match result {
            None => x,
            Some(acc) => ops::call::call(func, &[acc, x], &[])?,
        });
    }
    result.ok_or_else(|| type_error("reduce() of empty iterable with no initial value"))
}

// ---------------------------------------------------------------------------------------------------------
// partial

/// A partial application: `func(*args, *call_args, **{**keywords, **call_keywords})`.
struct Partial {
    func: Value,
    /// A tuple.
    args: Value,
    /// A dict object.
    keywords: ObjRef,
}

struct Types {
    partial: ObjRef,
    key_wrapper: ObjRef,
}

fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        // NOTE: CPython lets Python classes derive from `partial`; crabby's native types are final for now.
        let partial = new_native_type("partial", "functools", false);
        add_methods(&partial, &[("__call__", partial_call), ("__repr__", partial_repr)]);
        let d = &type_::type_obj(&partial).dict;
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", partial_new, Some(partial.clone()))));
        let readonly = new_builtin("__set__", readonly_attribute, None);
        for (name, get) in [("func", partial_func as NativeFn), ("args", partial_args), ("keywords", partial_keywords)]
        {
            let getter = new_builtin(name, get, None);
            dict::set_str(d, name, make_property(getter, readonly.clone(), Value::None, Value::None));
        }
        type_::type_obj(&partial).modified();

        let key_wrapper = new_native_type("KeyWrapper", "functools", false);
        add_methods(
            &key_wrapper,
            &[
                ("__call__", key_call),
                ("__lt__", key_lt),
                ("__le__", key_le),
                ("__eq__", key_eq),
                ("__ne__", key_ne),
                ("__gt__", key_gt),
                ("__ge__", key_ge),
            ],
        );
        let kd = &type_::type_obj(&key_wrapper).dict;
        dict::set_str(kd, "__hash__", Value::None);
        dict::set_str(kd, "obj", make_property(new_builtin("obj", key_obj, None), readonly, Value::None, Value::None));
        type_::type_obj(&key_wrapper).modified();
        Types { partial, key_wrapper }
    })
}

fn readonly_attribute(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(attribute_error("readonly attribute"))
}

fn partial_of(v: &Value) -> PyResult<&Partial> {
    v.payload().and_then(|p| p.native::<Partial>()).ok_or_else(|| {
        type_error(format!("descriptor requires a 'functools.partial' object but received a '{}'", v.type_name()))
    })
}

fn partial_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    let Some(first) = args.first() else {
        return Err(type_error("type 'partial' takes at least one argument"));
    };
    // A partial of a partial flattens into one unless the inner one has instance attributes.
    // NOTE: CPython flattens only while the inner partial's `__dict__` was never created; crabby always has
    // the dict, so it flattens when the dict is empty.
    let mut func = first.clone();
    let mut pargs: Vec<Value> = Vec::new();
    let mut pkw: Vec<(Value, Value)> = Vec::new();
    if let Some(inner) = first.payload().and_then(|p| p.native::<Partial>()) {
        let plain = first.as_obj().and_then(|o| o.dict()).is_none_or(|d| dict::len(d) == 0);
        if plain {
            func = inner.func.clone();
            pargs = inner.args.as_tuple().unwrap_or(&[]).to_vec();
            pkw = dict::items(&inner.keywords);
        }
    }
    if !crate::modules::builtins::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    pargs.extend_from_slice(&args[1..]);
    let keywords = dict::new_dict_obj();
    for (k, v) in pkw.into_iter().chain(kwargs.iter().cloned()) {
        dict::set(&keywords, k, v)?;
    }
    let state = Partial { func, args: tuple::new_tuple(pargs), keywords };
    let obj = ObjRef::with_dict(&types().partial, Payload::Native(NativeBox::new(state)), Some(dict::new_dict_obj()));
    Ok(Value::Obj(obj))
}

fn partial_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(type_error("descriptor '__call__' of 'functools.partial' object needs an argument"));
    };
    let p = partial_of(this)?;
    let mut all: Vec<Value> = p.args.as_tuple().unwrap_or(&[]).to_vec();
    all.extend_from_slice(&args[1..]);
    let mut kw = dict::items(&p.keywords);
    for (k, v) in kwargs {
        match kw.iter_mut().find(|(name, _)| name.as_str() == k.as_str()) {
            Some(slot) => slot.1 = v.clone(),
            None => kw.push((k.clone(), v.clone())),
        }
    }
    ops::call::call(&p.func, &all, &kw)
}

thread_local! {
    /// The partials whose repr is being computed on this thread (a recursive repr shows `...`).
    static REPRS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn partial_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("partial.__repr__", args, kwargs).exact(1)?;
    let p = partial_of(&a[0])?;
    let addr = a[0].id() as usize;
    if REPRS.with(|r| r.borrow().contains(&addr)) {
        return Ok(Value::from("..."));
    }
    REPRS.with(|r| r.borrow_mut().push(addr));
    let text = (|| -> PyResult<String> {
        let mut out = format!("functools.partial({}", ops::format::repr(&p.func)?);
        for x in p.args.as_tuple().unwrap_or(&[]) {
            out.push_str(", ");
            out.push_str(&ops::format::repr(x)?);
        }
        for (k, v) in dict::items(&p.keywords) {
            out.push_str(&format!(", {}={}", ops::format::str_of(&k)?, ops::format::repr(&v)?));
        }
        out.push(')');
        Ok(out)
    })();
    REPRS.with(|r| r.borrow_mut().retain(|x| *x != addr));
    Ok(Value::from(text?))
}

fn partial_func(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(partial_of(&args[0])?.func.clone())
}

fn partial_args(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(partial_of(&args[0])?.args.clone())
}

fn partial_keywords(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Obj(partial_of(&args[0])?.keywords.clone()))
}

// ---------------------------------------------------------------------------------------------------------
// cmp_to_key

/// A key made by `cmp_to_key(mycmp)`: without an object it is the key function; called with an object it
/// makes the key that compares through `mycmp`.
struct Key {
    cmp: Value,
    obj: Option<Value>,
}

fn key_of(v: &Value) -> Option<&Key> {
    v.payload().and_then(|p| p.native::<Key>())
}

fn new_key(cmp: Value, obj: Option<Value>) -> Value {
    Value::Obj(ObjRef::new(&types().key_wrapper, Payload::Native(NativeBox::new(Key { cmp, obj }))))
}

fn cmp_to_key(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = int::clinic("cmp_to_key", args, kwargs, &["mycmp"], 1, 1)?;
    Ok(new_key(a[0].clone().expect("required"), None))
}

fn key_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(k) = args.first().and_then(key_of) else {
        return Err(type_error("descriptor '__call__' requires a 'functools.KeyWrapper' object"));
    };
    let a = int::clinic("K", &args[1..], kwargs, &["obj"], 1, 1)?;
    Ok(new_key(k.cmp.clone(), a[0].clone()))
}

fn key_obj(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(key_of(&args[0]).and_then(|k| k.obj.clone()).unwrap_or(Value::None))
}

/// `mycmp(self.obj, other.obj) <op> 0`.
fn key_compare(args: &[Value], kwargs: &[(Value, Value)], op: ops::compare::CmpOp) -> PyResult<Value> {
    let a = Args::new("KeyWrapper.__cmp__", args, kwargs).exact(2)?;
    let (Some(x), Some(y)) = (key_of(&a[0]), key_of(&a[1])) else {
        return Err(type_error("other argument must be K instance"));
    };
    let (Some(xo), Some(yo)) = (&x.obj, &y.obj) else {
        return Err(PyErr::new(crate::builtins::exceptions::ExcKind::AttributeError, "object"));
    };
    let res = ops::call::call(&x.cmp, &[xo.clone(), yo.clone()], &[])?;
    ops::compare::richcmp(&res, &Value::Int(0), op)
}

macro_rules! key_cmps {
    ($($f:ident => $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            key_compare(args, kwargs, ops::compare::CmpOp::$op)
        }
    )*};
}

key_cmps! {
    key_lt => Lt;
    key_le => Le;
    key_eq => Eq;
    key_ne => Ne;
    key_gt => Gt;
    key_ge => Ge;
}

// ---------------------------------------------------------------------------------------------------------
// The module.

static FUNCTOOLS: OnceLock<ObjRef> = OnceLock::new();

/// The `_functools` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(FUNCTOOLS
        .get_or_init(|| {
            let m = module::new_module("_functools").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "reduce", new_builtin("reduce", reduce, None));
            dict::set_str(d, "cmp_to_key", new_builtin("cmp_to_key", cmp_to_key, None));
            dict::set_str(d, "partial", Value::Obj(types().partial.clone()));
            m
        })
        .clone())
}
