//! `list`: mutable sequences guarded by a per-list lock; every single operation is atomic.

use parking_lot::RwLock;

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::error::{type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

pub fn new_list(items: Vec<Value>) -> Value {
    Value::Obj(ObjRef::new(&types().list, Payload::List(RwLock::new(items))))
}

/// The lock of a list object, or a TypeError.
pub fn list_lock<'a>(v: &'a Value, what: &str) -> PyResult<&'a RwLock<Vec<Value>>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(type_error(format!("{what} must be list, not {}", v.type_name()))),
    }
}

/// `list.append`, used by generated code for list comprehensions too.
pub fn append(list: &Value, item: Value) {
    if let Some(Payload::List(l)) = list.payload() {
        l.write().push(item);
    }
}

fn m_append(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("append", args, kwargs).exact(2)?;
    list_lock(&a[0], "descriptor 'append'")?.write().push(a[1].clone());
    Ok(Value::None)
}

/// Methods of `list`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[("append", m_append)];

pub fn register() {
    add_methods(&types().list, METHODS);
}

/// A stable merge sort whose comparison may fail (it runs `__lt__`); the first error stops the sort.
/// Rust's own sorts are not used because an inconsistent user `__lt__` may make them panic.
pub fn sort_values(items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
    let mut pairs: Vec<(Value, Value)> = match keys {
        Some(k) => k.into_iter().zip(items.drain(..)).collect(),
        None => items.drain(..).map(|v| (v.clone(), v)).collect(),
    };
    if reverse {
        pairs.reverse();
    }
    let lt = |a: &Value, b: &Value| -> PyResult<bool> { crate::ops::truthy(&crate::ops::compare::lt(a, b)?) };
    merge_sort(&mut pairs, &lt)?;
    if reverse {
        pairs.reverse();
    }
    items.extend(pairs.into_iter().map(|(_, v)| v));
    Ok(())
}

fn merge_sort(v: &mut Vec<(Value, Value)>, lt: &dyn Fn(&Value, &Value) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n <= 1 {
        return Ok(());
    }
    if n <= 16 {
        // Binary insertion sort: stable, and few comparisons.
        for i in 1..n {
            let mut lo = 0;
            let mut hi = i;
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(&v[i].0, &v[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            let item = v.remove(i);
            v.insert(lo, item);
        }
        return Ok(());
    }
    let mut right = v.split_off(n / 2);
    merge_sort(v, lt)?;
    merge_sort(&mut right, lt)?;
    let left = std::mem::take(v);
    let mut out = Vec::with_capacity(n);
    let mut li = left.into_iter().peekable();
    let mut ri = right.into_iter().peekable();
    loop {
        match (li.peek(), ri.peek()) {
            (Some(a), Some(b)) => {
                // Take from the right only when strictly smaller, which keeps the sort stable.
                if lt(&b.0, &a.0)? {
                    out.push(ri.next().expect("peeked"));
                } else {
                    out.push(li.next().expect("peeked"));
                }
            }
            (Some(_), None) => out.push(li.next().expect("peeked")),
            (None, Some(_)) => out.push(ri.next().expect("peeked")),
            (None, None) => break,
        }
    }
    *v = out;
    Ok(())
}
