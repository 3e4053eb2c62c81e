//! `gc`: the garbage collector's interface. crabby frees objects by reference counting and has no cycle
//! collector yet, so collecting finds nothing (`collect()` returns 0) and the settings are only remembered;
//! the functions that would have to walk every object (`get_objects`, `get_referrers`, `get_referents`)
//! raise NotImplementedError.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, list, module, tuple};
use crate::error::{not_implemented, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops::args::Args;
use crate::Value;

/// Whether automatic collection is enabled. Relaxed everywhere: a standalone flag publishing nothing.
static ENABLED: AtomicBool = AtomicBool::new(true);
/// `set_debug` flags (Relaxed, as above).
static DEBUG: AtomicI64 = AtomicI64::new(0);
/// Frozen objects (`freeze()` moves every tracked object there; crabby has none to count).
static THRESHOLDS: Mutex<[i64; 3]> = Mutex::new([700, 10, 10]);

fn enable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("enable", args, kwargs).exact(0)?;
    ENABLED.store(true, Ordering::Relaxed);
    Ok(Value::None)
}

fn disable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("disable", args, kwargs).exact(0)?;
    ENABLED.store(false, Ordering::Relaxed);
    Ok(Value::None)
}

fn isenabled(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("isenabled", args, kwargs).exact(0)?;
    Ok(Value::Bool(ENABLED.load(Ordering::Relaxed)))
}

fn int_arg(v: &Value) -> PyResult<i64> {
    let i = crate::ops::number::index(v)?;
    crate::builtins::int::as_i64(&i)
        .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C long"))
}

fn collect(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("collect", args, kwargs).bind(&["generation"], 0)?;
    if let Some(g) = &a[0] {
        let g = int_arg(g)?;
        if !(0..=2).contains(&g) {
            return Err(value_error("invalid generation"));
        }
    }
    Ok(Value::Int(0))
}

fn get_threshold(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_threshold", args, kwargs).exact(0)?;
    let t = *THRESHOLDS.lock();
    Ok(tuple::new_tuple(t.iter().map(|x| Value::Int(*x)).collect()))
}

fn set_threshold(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(crate::error::type_error("set_threshold() takes no keyword arguments"));
    }
    let a = Args::new("set_threshold", args, kwargs).between(1, 3)?;
    let values: Vec<i64> = a.iter().map(int_arg).collect::<PyResult<_>>()?;
    let mut t = THRESHOLDS.lock();
    for (slot, v) in t.iter_mut().zip(values) {
        *slot = v;
    }
    Ok(Value::None)
}

fn get_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_count", args, kwargs).exact(0)?;
    Ok(tuple::new_tuple_array([Value::Int(0), Value::Int(0), Value::Int(0)]))
}

fn get_stats(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_stats", args, kwargs).exact(0)?;
    let gens = (0..3)
        .map(|_| {
            let d = dict::new_dict_obj();
            for k in ["collections", "collected", "uncollectable"] {
                dict::set_str(&d, k, Value::Int(0));
            }
            Value::Obj(d)
        })
        .collect();
    Ok(list::new_list(gens))
}

fn set_debug(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("set_debug", args, kwargs).exact(1)?;
    DEBUG.store(int_arg(&a[0])?, Ordering::Relaxed);
    Ok(Value::None)
}

fn get_debug(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_debug", args, kwargs).exact(0)?;
    Ok(Value::Int(DEBUG.load(Ordering::Relaxed)))
}

/// `is_tracked(obj)`: whether CPython's collector would track the object (containers and instances, not
/// atoms such as ints and strings).
fn is_tracked(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("is_tracked", args, kwargs).exact(1)?;
    Ok(Value::Bool(match a[0].payload() {
        None => false,
        Some(
            Payload::Str(_)
            | Payload::Int(_)
            | Payload::Float(_)
            | Payload::Complex(..)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Range(_)
            | Payload::Singleton,
        ) => false,
        Some(_) => true,
    }))
}

fn is_finalized(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("is_finalized", args, kwargs).exact(1)?;
    Ok(Value::Bool(false))
}

fn freeze(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("freeze", args, kwargs).exact(0)?;
    Ok(Value::None)
}

fn get_freeze_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_freeze_count", args, kwargs).exact(0)?;
    Ok(Value::Int(0))
}

fn get_objects(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not track objects for gc.get_objects() yet"))
}

fn get_referrers(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not support gc.get_referrers() yet"))
}

fn get_referents(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not support gc.get_referents() yet"))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("enable", enable),
    ("disable", disable),
    ("isenabled", isenabled),
    ("collect", collect),
    ("get_threshold", get_threshold),
    ("set_threshold", set_threshold),
    ("get_count", get_count),
    ("get_stats", get_stats),
    ("set_debug", set_debug),
    ("get_debug", get_debug),
    ("is_tracked", is_tracked),
    ("is_finalized", is_finalized),
    ("freeze", freeze),
    ("unfreeze", freeze),
    ("get_freeze_count", get_freeze_count),
    ("get_objects", get_objects),
    ("get_referrers", get_referrers),
    ("get_referents", get_referents),
];

pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("gc").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        dict::set_str(d, "callbacks", list::new_list(Vec::new()));
        dict::set_str(d, "garbage", list::new_list(Vec::new()));
        for (name, v) in [
            ("DEBUG_STATS", 1),
            ("DEBUG_COLLECTABLE", 2),
            ("DEBUG_UNCOLLECTABLE", 4),
            ("DEBUG_SAVEALL", 32),
            ("DEBUG_LEAK", 38),
        ] {
            dict::set_str(d, name, Value::Int(v));
        }
        m
    })
    .clone())
}
