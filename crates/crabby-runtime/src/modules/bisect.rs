//! `_bisect`: binary search in sorted sequences (`bisect_left`, `bisect_right`, `insort_left`,
//! `insort_right`) with `lo`, `hi` and `key`, exactly as CPython 3.12's C module does it: the same probes in
//! the same order (so a `__lt__` or `key` with side effects sees the same calls), `hi=-1` meaning the
//! sequence's length, and the same messages.
//!
//! Items are read through the sequence protocol one probe at a time, so no lock is held while `__lt__` or
//! `key` runs; a list being searched while another thread changes it behaves as in CPython without a GIL
//! switch between probes.

use std::sync::OnceLock;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module, type_, types};
use crate::error::{type_error, value_error, PyResult};
use crate::modules::r#struct::clinic;
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// The parsed arguments of the four functions: `(a, x, lo=0, hi=None, *, key=None)`.
struct BisectArgs {
    a: Value,
    x: Value,
    lo: i64,
    /// `-1` (also what `None` means) stands for `len(a)`.
    hi: i64,
    key: Option<Value>,
}

/// A `Py_ssize_t` argument: `__index__`, and CPython's OverflowError for ints that do not fit.
fn ssize(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    crate::builtins::int::as_i64(&i).ok_or_else(|| {
        crate::error::overflow_error(format!("cannot fit '{}' into an index-sized integer", i.type_name()))
    })
}

fn parse(fname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<BisectArgs> {
    let a = clinic(fname, args, kwargs, &["a", "x", "lo", "hi", "key"], 0, 2, 4)?;
    let lo = match &a[2] {
        Some(v) => ssize(v)?,
        None => 0,
    };
    let hi = match &a[3] {
        Some(v) if !v.is_none() => ssize(v)?,
        _ => -1,
    };
    Ok(BisectArgs {
        a: a[0].clone().expect("required"),
        x: a[1].clone().expect("required"),
        lo,
        hi,
        key: a[4].clone().filter(|k| !k.is_none()),
    })
}

/// CPython's `get_sq_item` check: the sequence must support indexing by position.
fn check_sequence(a: &Value) -> PyResult<()> {
    match a.payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_))
        | Some(Payload::Range(_)) => return Ok(()),
        Some(Payload::Dict(_)) => return Err(type_error(format!("{} is not a sequence", a.type_name()))),
        _ => {}
    }
    if type_::lookup(a.ty(), "__getitem__").is_some() {
        return Ok(());
    }
    Err(type_error(format!("'{}' object does not support indexing", a.type_name())))
}

/// `internal_bisect_left` / `internal_bisect_right`: the insertion point of `x` (already passed through
/// `key` by the caller for insort) among `a[lo:hi]`, each probe's item passed through `key`.
fn search(b: &BisectArgs, x: &Value, right: bool) -> PyResult<i64> {
    let mut lo = b.lo;
    if lo < 0 {
        return Err(value_error("lo must be non-negative"));
    }
    let mut hi = b.hi;
    if hi == -1 {
        hi = ops::len(&b.a)? as i64;
    }
    check_sequence(&b.a)?;
    while lo < hi {
        // Unsigned arithmetic, as CPython's `((size_t)lo + hi) / 2`.
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut item = ops::subscript::getitem(&b.a, &Value::Int(mid))?;
        if let Some(k) = &b.key {
            item = ops::call::call(k, &[item], &[])?;
        }
        if right {
            if ops::truthy(&ops::compare::lt(x, &item)?)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        } else if ops::truthy(&ops::compare::lt(&item, x)?)? {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn bisect(fname: &str, args: &[Value], kwargs: &[(Value, Value)], right: bool) -> PyResult<Value> {
    let b = parse(fname, args, kwargs)?;
    Ok(Value::Int(search(&b, &b.x, right)?))
}

/// `insort_*`: the insertion point of `key(x)`, then `a.insert(i, x)` (directly for an exact list).
fn insort(fname: &str, args: &[Value], kwargs: &[(Value, Value)], right: bool) -> PyResult<Value> {
    let b = parse(fname, args, kwargs)?;
    let kx = match &b.key {
        Some(k) => ops::call::call(k, std::slice::from_ref(&b.x), &[])?,
        None => b.x.clone(),
    };
    let i = search(&b, &kx, right)?;
    if b.a.ty().ptr_eq(&types().list) {
        crate::builtins::list::insert(&b.a, i, b.x.clone());
    } else {
        let insert = ops::attr::getattr_str(&b.a, "insert")?;
        ops::call::call(&insert, &[Value::Int(i), b.x.clone()], &[])?;
    }
    Ok(Value::None)
}

fn bisect_left(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bisect("bisect_left", args, kwargs, false)
}

fn bisect_right(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bisect("bisect_right", args, kwargs, true)
}

fn insort_left(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    insort("insort_left", args, kwargs, false)
}

fn insort_right(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    insort("insort_right", args, kwargs, true)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("bisect_right", bisect_right),
    ("insort_right", insort_right),
    ("bisect_left", bisect_left),
    ("insort_left", insort_left),
];

const DOC: &str = "Bisection algorithms.

This module provides support for maintaining a list in sorted order without
having to sort the list after each insertion. For long lists of items with
expensive comparison operations, this can be an improvement over the more
common approach.
";

static BISECT: OnceLock<ObjRef> = OnceLock::new();

/// The `_bisect` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(BISECT
        .get_or_init(|| {
            let m = module::new_module("_bisect").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from(DOC));
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::list::new_list;

    fn call(f: NativeFn, a: &Value, x: i64) -> i64 {
        crate::builtins::int::as_i64(&f(&[a.clone(), Value::Int(x)], &[]).unwrap()).unwrap()
    }

    #[test]
    fn left_and_right_insertion_points() {
        let a = new_list([1, 2, 2, 2, 5].iter().map(|i| Value::Int(*i)).collect());
        assert_eq!(call(bisect_left, &a, 2), 1);
        assert_eq!(call(bisect_right, &a, 2), 4);
        assert_eq!(call(bisect_left, &a, 0), 0);
        assert_eq!(call(bisect_right, &a, 9), 5);
        insort_left(&[a.clone(), Value::Int(3)], &[]).unwrap();
        assert_eq!(crate::ops::format::repr(&a).unwrap(), "[1, 2, 2, 2, 3, 5]");
    }
}
