//! Subscripts and slices: `x[i]`, `x[i] = v`, `del x[i]`, for sequences, mappings and user classes.

use crate::builtins::exceptions::ExcKind;
use crate::builtins::slice::SliceObj;
use crate::builtins::str::new_str;
use crate::builtins::{dict, list, tuple, type_};
use crate::error::{index_error, key_error, type_error, PyErr, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// Normalises a possibly negative index against `len`; `None` when out of range.
#[inline]
pub fn norm(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// The items selected by a slice of a sequence of `len` items.
fn slice_positions(s: &SliceObj, len: usize) -> PyResult<Vec<usize>> {
    let (start, _stop, step, n) = s.indices(len as i64)?;
    Ok((0..n).map(|k| (start + k * step) as usize).collect())
}

/// A user class's or native module type's `__getitem__`/`__setitem__`/`__delitem__`, called.
fn user_dunder(v: &Value, name: &str, args: &[Value]) -> Option<PyResult<Value>> {
    let f = type_::special_method(v, name)?;
    Some(type_::call_special(&f, v, args, &[]))
}

/// Whether `o` is exactly a `list` (not a subclass, which may override the item methods).
#[inline]
fn exact_list(o: &crate::object::ObjRef) -> Option<&parking_lot::RwLock<Vec<Value>>> {
    match &o.payload {
        Payload::List(l) if o.ty().ptr_eq(&crate::builtins::types().list) => Some(l),
        _ => None,
    }
}

/// `v[key]`.
#[inline]
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    // The common case first: an exact list or tuple indexed by an int in range.
    if let (Value::Obj(o), Value::Int(i)) = (v, key) {
        if let Some(l) = exact_list(o) {
            if let Some(x) = crate::qsbr::read(l, |g| norm(*i, g.len()).map(|j| g[j].clone())) {
                return Ok(x);
            }
        } else if let (Payload::Tuple(t), true) = (&o.payload, o.ty().ptr_eq(&crate::builtins::types().tuple)) {
            if let Some(j) = norm(*i, t.len()) {
                return Ok(t[j].clone());
            }
        } else if let Payload::Range(r) = &o.payload {
            // `range` cannot be subclassed: no `__getitem__` to look for.
            if let (None, Some(j)) = (&r.big, norm(*i, r.len() as usize)) {
                return Ok(Value::Int(r.item(j as i64)));
            }
        } else if let (Payload::Str(s), true) = (&o.payload, o.ty().ptr_eq(&crate::builtins::types().str)) {
            // The text is immutable: no lock, and a character below U+0100 is a cached object.
            if let Some(j) = norm(*i, s.char_len()) {
                return Ok(crate::builtins::str::char_value(s.char_at(j)));
            }
        }
    }
    // An exact dict (any key): no `__getitem__` lookup.
    if let Value::Obj(o) = v {
        if let (Payload::Dict(_), true) = (&o.payload, o.ty().ptr_eq(&crate::builtins::types().dict)) {
            return match dict::get(o, key)? {
                Some(found) => Ok(found),
                None => Err(crate::error::key_error(key.clone())),
            };
        }
    }
    getitem_general(v, key)
}

fn getitem_general(v: &Value, key: &Value) -> PyResult<Value> {
    if let Some(r) = user_dunder(v, "__getitem__", std::slice::from_ref(key)) {
        return r;
    }
    let Some(p) = v.payload() else {
        return Err(not_subscriptable(v));
    };
    match p {
        Payload::List(l) => {
            if let Some(Payload::Slice(s)) = key.payload() {
                let g = l.read();
                let (start, _stop, step, n) = s.indices(g.len() as i64)?;
                if step == 1 {
                    let a = start.max(0) as usize;
                    return Ok(list::new_list(g[a..a + n as usize].to_vec()));
                }
                return Ok(list::new_list((0..n).map(|k| g[(start + k * step) as usize].clone()).collect()));
            }
            let i = ops::number::index_i64(key, "list indices")?;
            let g = l.read();
            norm(i, g.len()).map(|j| g[j].clone()).ok_or_else(|| index_error("list index out of range"))
        }
        Payload::Tuple(t) => {
            if let Some(Payload::Slice(s)) = key.payload() {
                let pos = slice_positions(s, t.len())?;
                // A whole exact tuple is itself (immutable, so CPython returns the same object).
                if pos.len() == t.len()
                    && pos.first().is_none_or(|&p| p == 0)
                    && (t.len() < 2 || pos[1] == 1)
                    && v.ty().ptr_eq(&crate::builtins::types().tuple)
                {
                    return Ok(v.clone());
                }
                return Ok(tuple::new_tuple(pos.into_iter().map(|i| t[i].clone()).collect()));
            }
            let i = ops::number::index_i64(key, "tuple indices")?;
            norm(i, t.len()).map(|j| t[j].clone()).ok_or_else(|| index_error("tuple index out of range"))
        }
        Payload::Str(s) => {
            if let Some(Payload::Slice(sl)) = key.payload() {
                let (start, _stop, step, n) = sl.indices(s.char_len() as i64)?;
                if step == 1 {
                    let a = s.byte_offset(start.max(0) as usize);
                    let b = s.byte_offset((start + n).max(0) as usize);
                    return Ok(crate::builtins::str::new_piece(s, &s.as_str()[a..b]));
                }
                let chars: Vec<char> = s.as_str().chars().collect();
                let out: String = (0..n).map(|k| chars[(start + k * step) as usize]).collect();
                return Ok(new_str(&out));
            }
            if !matches!(key, Value::Int(_) | Value::Bool(_)) && type_::lookup(key.ty(), "__index__").is_none() {
                return Err(type_error(format!("string indices must be integers, not '{}'", key.type_name())));
            }
            let i = ops::number::index_i64(key, "string indices")?;
            match norm(i, s.char_len()) {
                Some(j) => Ok(crate::builtins::str::char_value(s.char_at(j))),
                None => Err(index_error("string index out of range")),
            }
        }
        Payload::Bytes(b) => crate::builtins::bytes::getitem(crate::builtins::bytes::Kind::Bytes, b, key),
        Payload::ByteArray(_) => crate::builtins::bytearray::getitem(v, key),
        Payload::MemoryView(_) => crate::builtins::memoryview::getitem(v, key),
        Payload::Range(r) => crate::builtins::range::getitem(r, key),
        Payload::Dict(_) => {
            let d = v.as_obj().expect("dict");
            match dict::get(d, key)? {
                Some(x) => Ok(x),
                None => {
                    // Every dict subclass may define `__missing__`, native ones (`defaultdict`) included.
                    if !v.ty().ptr_eq(&crate::builtins::types().dict) {
                        if let Some(m) = type_::lookup(v.ty(), "__missing__") {
                            return type_::call_special(&m, v, std::slice::from_ref(key), &[]);
                        }
                    }
                    Err(key_error(key.clone()))
                }
            }
        }
        Payload::Type(_) => {
            // `type[int]`: CPython special-cases `type` itself, which has no `__class_getitem__`.
            if v.as_obj().is_some_and(|t| t.ptr_eq(&crate::builtins::types().type_)) {
                return Ok(crate::builtins::generic_alias::new_alias(v.clone(), key.clone()));
            }
            if let Some(f) = type_::lookup(v.as_obj().expect("type"), "__class_getitem__") {
                return ops::call::call(&ops::attr::bind_descriptor(f, None, v)?, std::slice::from_ref(key), &[]);
            }
            Err(type_error(format!("type '{}' is not subscriptable", type_::type_name(v.as_obj().expect("type")))))
        }
        // Native types of other payloads (`mappingproxy`, module types) register `__getitem__`.
        _ => match type_::lookup(v.ty(), "__getitem__") {
            Some(f) => type_::call_special(&f, v, std::slice::from_ref(key), &[]),
            None => Err(not_subscriptable(v)),
        },
    }
}

fn not_subscriptable(v: &Value) -> PyErr {
    type_error(format!("'{}' object is not subscriptable", v.type_name()))
}

/// `v[key] = value`.
#[inline]
pub fn setitem(v: &Value, key: &Value, value: Value) -> PyResult<()> {
    // The common case first: an exact list indexed by an int in range.
    if let (Value::Obj(o), Value::Int(i)) = (v, key) {
        if let Some(l) = exact_list(o) {
            // The old value is dropped after unlocking: freeing it may run more code.
            let old = crate::qsbr::write(l, |g| match norm(*i, g.len()) {
                Some(j) => Ok(std::mem::replace(&mut g[j], value)),
                None => Err(value),
            });
            match old {
                Ok(old) => {
                    drop(old);
                    return Ok(());
                }
                Err(value) => return setitem_general(v, key, value),
            }
        }
    }
    // An exact dict (any key): no `__setitem__` lookup.
    if let Value::Obj(o) = v {
        if let (Payload::Dict(_), true) = (&o.payload, o.ty().ptr_eq(&crate::builtins::types().dict)) {
            return dict::set(o, key.clone(), value);
        }
    }
    setitem_general(v, key, value)
}

fn setitem_general(v: &Value, key: &Value, value: Value) -> PyResult<()> {
    if let Some(f) = type_::special_method(v, "__setitem__") {
        return type_::call_special(&f, v, &[key.clone(), value], &[]).map(|_| ());
    }
    match v.payload() {
        Some(Payload::List(l)) => {
            if let Some(Payload::Slice(s)) = key.payload() {
                let (start, stop, step) = s.unpack()?;
                return list::assign_slice(l, start, stop, step, &value);
            }
            let i = ops::number::index_i64(key, "list indices")?;
            let mut g = l.write();
            match norm(i, g.len()) {
                Some(j) => {
                    let old = std::mem::replace(&mut g[j], value);
                    drop(g);
                    drop(old);
                    Ok(())
                }
                None => Err(index_error("list assignment index out of range")),
            }
        }
        Some(Payload::Dict(_)) => dict::set(v.as_obj().expect("dict"), key.clone(), value),
        Some(Payload::ByteArray(_)) => crate::builtins::bytearray::setitem(v, key, &value),
        Some(Payload::MemoryView(_)) => crate::builtins::memoryview::setitem(v, key, &value),
        None | Some(_) => Err(type_error(format!("'{}' object does not support item assignment", v.type_name()))),
    }
}

/// `(start, stop, step)` of slice bounds given as ints or `None` (CPython's `PySlice_Unpack` for them), or `None`
/// when a bound is anything else or the step is zero: those take the general path and its errors.
#[inline]
fn int_bounds(lo: &Value, hi: &Value, st: &Value) -> Option<(i64, i64, i64)> {
    let step = match st {
        Value::None => 1,
        Value::Int(0) => return None,
        // -i64::MAX, so that `-step` cannot overflow.
        Value::Int(s) => (*s).max(-i64::MAX),
        _ => return None,
    };
    let bound = |v: &Value, neg: i64, pos: i64| match v {
        Value::None => Some(if step < 0 { neg } else { pos }),
        Value::Int(i) => Some(*i),
        _ => None,
    };
    Some((bound(lo, i64::MAX, 0)?, bound(hi, i64::MIN, i64::MAX)?, step))
}

/// `v[lo:hi:st]`: an exact list sliced by int or `None` bounds is copied without making a slice object.
#[inline]
pub fn getslice(v: &Value, lo: Value, hi: Value, st: Value) -> PyResult<Value> {
    if let (Value::Obj(o), Some((start, stop, step))) = (v, int_bounds(&lo, &hi, &st)) {
        if let Some(l) = exact_list(o) {
            let items = crate::qsbr::read(l, |g| {
                let (start, _stop, n) = crate::builtins::slice::adjust_indices(g.len() as i64, start, stop, step);
                if step == 1 {
                    let a = start.max(0) as usize;
                    return g[a..a + n as usize].to_vec();
                }
                (0..n).map(|k| g[(start + k * step) as usize].clone()).collect()
            });
            return Ok(list::new_list(items));
        }
    }
    getitem(v, &slice(lo, hi, st))
}

/// `v[lo:hi:st] = value`: an exact list with int or `None` bounds is assigned without making a slice object.
#[inline]
pub fn setslice(v: &Value, lo: Value, hi: Value, st: Value, value: Value) -> PyResult<()> {
    if let (Value::Obj(o), Some((start, stop, step))) = (v, int_bounds(&lo, &hi, &st)) {
        if let Some(l) = exact_list(o) {
            return list::assign_slice(l, start, stop, step, &value);
        }
    }
    setitem(v, &slice(lo, hi, st), value)
}

/// `del v[key]`.
pub fn delitem(v: &Value, key: &Value) -> PyResult<()> {
    if let Some(r) = user_dunder(v, "__delitem__", std::slice::from_ref(key)) {
        return r.map(|_| ());
    }
    match v.payload() {
        Some(Payload::List(l)) => {
            if let Some(Payload::Slice(s)) = key.payload() {
                let mut g = l.write();
                let mut pos = slice_positions(s, g.len())?;
                pos.sort_unstable();
                let removed: Vec<Value> = pos.iter().rev().map(|&i| g.remove(i)).collect();
                drop(g);
                drop(removed);
                return Ok(());
            }
            let i = ops::number::index_i64(key, "list indices")?;
            let mut g = l.write();
            match norm(i, g.len()) {
                Some(j) => {
                    let old = g.remove(j);
                    drop(g);
                    drop(old);
                    Ok(())
                }
                None => Err(index_error("list assignment index out of range")),
            }
        }
        Some(Payload::Dict(_)) => dict::del_item(v.as_obj().expect("dict"), key),
        Some(Payload::ByteArray(_)) => crate::builtins::bytearray::delitem(v, key),
        Some(Payload::MemoryView(_)) => crate::builtins::memoryview::delitem(v, key),
        _ => Err(PyErr::new(ExcKind::TypeError, format!("'{}' object doesn't support item deletion", v.type_name()))),
    }
}

/// `v[start:stop:step]` built by generated code.
pub fn slice(start: Value, stop: Value, step: Value) -> Value {
    crate::builtins::slice::new_slice(start, stop, step)
}
