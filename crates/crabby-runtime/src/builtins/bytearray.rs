//! `bytearray`: a mutable byte string. Its contents sit behind the object's own lock
//! (`Payload::ByteArray(RwLock<Vec<u8>>)`), and each operation takes it once, so racing threads never lose or
//! tear an `append`, an item assignment or an `extend`. Arguments are converted (which may run `__index__` or
//! iterate Python objects) before the lock is taken.
//!
//! A bytearray with live `memoryview`s ("exports") cannot change size, as in CPython: the views address its
//! contents by offset. Exports are counted in a small table keyed by the object's address (the views hold a
//! reference, so the address is stable while it is listed); resizing operations check it under the write
//! lock, and new exports are registered under the read lock, so a check and a resize are never interleaved
//! with a new view.
//!
//! The methods shared with `bytes` are in `bytes.rs`; this file has the constructor, the mutating methods,
//! item and slice assignment, `+=`/`*=` and the iterator.

use std::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::{Mutex, RwLock};

use crate::builtins::bytes::{
    self, bind_keywords, buffer, byte_value, bytes_from_object, clinic_count, encode_str, noargs, noargs_value,
    one_arg_value, this, this_value, Kind,
};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::iter::{new_iter, NativeIter};
use crate::builtins::slice::adjust_indices;
use crate::builtins::{dict, str as pystr, tuple, type_, types};
use crate::error::{index_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// A new `bytearray` holding `data`.
pub fn new_bytearray(data: Vec<u8>) -> Value {
    Value::Obj(ObjRef::new(&types().bytearray, Payload::ByteArray(RwLock::new(data))))
}

/// The lock of a bytearray (or subclass) value. Panics only on a runtime bug.
fn lock_of(v: &Value) -> &RwLock<Vec<u8>> {
    match v.payload() {
        Some(Payload::ByteArray(b)) => b,
        _ => unreachable!("not a bytearray"),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Exports (live memoryviews).

/// `(address, count)` of the bytearrays with live exports.
static EXPORTS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());
/// The total number of live exports: resizes skip the table while it is zero.
static ANY_EXPORTS: AtomicUsize = AtomicUsize::new(0);

/// Registers a new export (a memoryview) of the bytearray `o`.
pub(crate) fn export(o: &ObjRef) {
    let Payload::ByteArray(lock) = &o.payload else { return };
    // Under the read lock: no resize can be between its check and its change of the contents meanwhile.
    let _g = lock.read();
    let mut t = EXPORTS.lock();
    match t.iter_mut().find(|(a, _)| *a == o.addr()) {
        Some((_, n)) => *n += 1,
        None => t.push((o.addr(), 1)),
    }
    ANY_EXPORTS.fetch_add(1, Ordering::Release);
}

/// Ends an export of `o` registered by [`export`].
pub(crate) fn unexport(o: &ObjRef) {
    let mut t = EXPORTS.lock();
    if let Some(i) = t.iter().position(|(a, _)| *a == o.addr()) {
        t[i].1 -= 1;
        if t[i].1 == 0 {
            t.swap_remove(i);
        }
        ANY_EXPORTS.fetch_sub(1, Ordering::Release);
    }
}

/// Fails with CPython's BufferError when `v` has live exports. Call with the write lock held.
fn check_resizable(v: &Value) -> PyResult<()> {
    if ANY_EXPORTS.load(Ordering::Acquire) == 0 {
        return Ok(());
    }
    let addr = v.as_obj().map_or(0, |o| o.addr());
    if EXPORTS.lock().iter().any(|(a, n)| *a == addr && *n > 0) {
        return Err(PyErr::new(ExcKind::BufferError, "Existing exports of data: object cannot be re-sized"));
    }
    Ok(())
}

/// Replaces the contents of `v` (the write lock held as `g`), refusing a change of size while exported.
fn store(v: &Value, g: &mut Vec<u8>, data: Vec<u8>) -> PyResult<()> {
    if data.len() != g.len() {
        check_resizable(v)?;
    }
    *g = data;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Construction.

/// The arguments of `bytearray(source, encoding, errors)`, parsed and type-checked as Argument Clinic does
/// before the constructor's body runs.
struct InitArgs {
    source: Option<Value>,
    encoding: Option<String>,
    errors: Option<String>,
}

fn parse_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<InitArgs> {
    let a = bind_keywords("bytearray", args, kwargs, &["source", "encoding", "errors"])?;
    let text = |name: &str, v: &Option<Value>| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(v) => v.as_str().map(|s| Some(s.to_string())).ok_or_else(|| {
                type_error(format!("bytearray() argument '{name}' must be str, not {}", pystr::clinic_type_name(v)))
            }),
        }
    };
    Ok(InitArgs { source: a[0].clone(), encoding: text("encoding", &a[1])?, errors: text("errors", &a[2])? })
}

/// The contents the arguments make: CPython's `bytearray___init___impl`.
fn init_contents(a: &InitArgs) -> PyResult<Vec<u8>> {
    let no_string = || {
        type_error(if a.encoding.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        })
    };
    let Some(x) = &a.source else {
        if a.encoding.is_some() || a.errors.is_some() {
            return Err(no_string());
        }
        return Ok(Vec::new());
    };
    if pystr::as_pystr(x).is_some() {
        let Some(enc) = &a.encoding else {
            return Err(type_error("string argument without an encoding"));
        };
        return encode_str(x, enc, a.errors.as_deref());
    }
    if a.encoding.is_some() || a.errors.is_some() {
        return Err(no_string());
    }
    bytes_from_object(x, Kind::ByteArray)
}

/// `bytearray(...)`.
pub(crate) fn construct_bytearray(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(new_bytearray(init_contents(&parse_init(args, kwargs)?)?))
}

/// `bytearray.__init__(self, source=..., encoding=..., errors=...)`: refills an existing bytearray (what a
/// subclass's construction runs after `bytearray.__new__`).
fn m_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(v) = args.first() else {
        return Err(type_error("descriptor '__init__' of 'bytearray' object needs an argument"));
    };
    if !matches!(v.payload(), Some(Payload::ByteArray(_))) {
        return Err(type_error(format!(
            "descriptor '__init__' requires a 'bytearray' object but received a '{}'",
            v.type_name()
        )));
    }
    let a = parse_init(&args[1..], kwargs)?;
    // CPython empties the array first of all (which an export forbids), so a failing source leaves it empty.
    store(v, &mut lock_of(v).write(), Vec::new())?;
    let data = init_contents(&a)?;
    store(v, &mut lock_of(v).write(), data)?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------------------
// Subscripts.

/// `b[key]`.
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let l = lock_of(v);
    if let Some(Payload::Slice(sl)) = key.payload() {
        // The bounds are converted (which may run `__index__`) before the lock is taken.
        let (start, stop, step) = sl.unpack()?;
        let g = l.read();
        let (start, _, n) = adjust_indices(g.len() as i64, start, stop, step);
        let out: Vec<u8> = (0..n).map(|k| g[(start + k * step) as usize]).collect();
        return Ok(new_bytearray(out));
    }
    let i = ops::number::index_i64(key, "bytearray indices")?;
    let g = l.read();
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(index_error("bytearray index out of range"));
    }
    Ok(Value::Int(g[j as usize] as i64))
}

/// Whether `PyNumber_Check` holds: numbers cannot be assigned to a slice.
fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_))
        || matches!(v.payload(), Some(Payload::Int(_) | Payload::Float(_) | Payload::Complex(..)))
        || (type_::type_obj(v.ty()).heap
            && ["__index__", "__int__", "__float__"].iter().any(|n| type_::lookup(v.ty(), n).is_some()))
}

/// `b[key] = value`.
pub fn setitem(v: &Value, key: &Value, value: &Value) -> PyResult<()> {
    let l = lock_of(v);
    if let Some(Payload::Slice(sl)) = key.payload() {
        let data: Vec<u8> = match value.payload() {
            Some(Payload::ByteArray(b)) => b.read().clone(),
            _ => {
                if is_number(value) || pystr::as_pystr(value).is_some() {
                    return Err(type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                }
                bytes_from_object(value, Kind::ByteArray)?
            }
        };
        let (start, stop, step) = sl.unpack()?;
        let mut g = l.write();
        let (start, stop, n) = adjust_indices(g.len() as i64, start, stop, step);
        if step == 1 {
            let (a, b) = (start as usize, (stop.max(start)) as usize);
            if data.len() != b - a {
                check_resizable(v)?;
            }
            g.splice(a..b, data);
            return Ok(());
        }
        if data.len() as i64 != n {
            return Err(value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {n}",
                data.len()
            )));
        }
        for (k, b) in data.into_iter().enumerate() {
            g[(start + k as i64 * step) as usize] = b;
        }
        return Ok(());
    }
    let i = ops::number::index_i64(key, "bytearray indices")?;
    let b = byte_value(value)?;
    let mut g = l.write();
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(index_error("bytearray index out of range"));
    }
    g[j as usize] = b;
    Ok(())
}

/// `del b[key]`.
pub fn delitem(v: &Value, key: &Value) -> PyResult<()> {
    let l = lock_of(v);
    if let Some(Payload::Slice(sl)) = key.payload() {
        let (start, stop, step) = sl.unpack()?;
        let mut g = l.write();
        let (start, _, n) = adjust_indices(g.len() as i64, start, stop, step);
        if n == 0 {
            return Ok(());
        }
        check_resizable(v)?;
        let mut drop_at = vec![false; g.len()];
        for k in 0..n {
            drop_at[(start + k * step) as usize] = true;
        }
        let mut i = 0;
        g.retain(|_| {
            i += 1;
            !drop_at[i - 1]
        });
        return Ok(());
    }
    let i = ops::number::index_i64(key, "bytearray indices")?;
    let mut g = l.write();
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(index_error("bytearray index out of range"));
    }
    check_resizable(v)?;
    g.remove(j as usize);
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// In-place operators.

/// `b += other` for a bytearray: extends in place with any bytes-like object.
pub fn iadd(v: &Value, other: &Value) -> PyResult<Value> {
    let Some(data) = buffer(other)? else {
        return Err(type_error(format!("can't concat {} to {}", other.type_name(), v.type_name())));
    };
    let data = data.into_owned();
    let mut g = lock_of(v).write();
    if !data.is_empty() {
        check_resizable(v)?;
    }
    g.extend_from_slice(&data);
    Ok(v.clone())
}

/// `b *= n` for a bytearray: repeats in place.
pub fn imul(v: &Value, n: i64) -> PyResult<Value> {
    let mut g = lock_of(v).write();
    let n = n.max(0) as usize;
    if n == 1 || g.is_empty() {
        return Ok(v.clone());
    }
    let Some(total) = g.len().checked_mul(n).filter(|t| *t <= isize::MAX as usize) else {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    };
    check_resizable(v)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    for _ in 0..n {
        out.extend_from_slice(&g);
    }
    *g = out;
    Ok(v.clone())
}

// ---------------------------------------------------------------------------------------------------------
// Methods.

const K: Kind = Kind::ByteArray;

fn m_append(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (v, x) = one_arg_value(K, "append", args, kwargs)?;
    let b = byte_value(x)?;
    let mut g = lock_of(v).write();
    check_resizable(v)?;
    g.push(b);
    Ok(Value::None)
}

fn m_extend(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (v, x) = one_arg_value(K, "extend", args, kwargs)?;
    let data = match buffer(x)? {
        Some(b) => b.into_owned(),
        None => match bytes::from_iterable(x, K)? {
            Some(d) => d,
            None => return Err(type_error(format!("can't extend bytearray with {}", x.type_name()))),
        },
    };
    let mut g = lock_of(v).write();
    if !data.is_empty() {
        check_resizable(v)?;
    }
    g.extend_from_slice(&data);
    Ok(Value::None)
}

fn m_insert(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = this_value(K, "insert", args)?;
    if !kwargs.is_empty() {
        return Err(type_error("bytearray.insert() takes no keyword arguments"));
    }
    clinic_count("insert", args.len() - 1, 2, 2)?;
    let i = bytes::ssize_arg(&args[1])?;
    let b = byte_value(&args[2])?;
    let mut g = lock_of(v).write();
    check_resizable(v)?;
    let n = g.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    g.insert(j as usize, b);
    Ok(Value::None)
}

fn m_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = this_value(K, "pop", args)?;
    if !kwargs.is_empty() {
        return Err(type_error("bytearray.pop() takes no keyword arguments"));
    }
    clinic_count("pop", args.len() - 1, 0, 1)?;
    let i = match args.get(1) {
        Some(v) => bytes::ssize_arg(v)?,
        None => -1,
    };
    let mut g = lock_of(v).write();
    if g.is_empty() {
        return Err(index_error("pop from empty bytearray"));
    }
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(index_error("pop index out of range"));
    }
    check_resizable(v)?;
    Ok(Value::Int(g.remove(j as usize) as i64))
}

fn m_remove(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (v, x) = one_arg_value(K, "remove", args, kwargs)?;
    let b = byte_value(x)?;
    let mut g = lock_of(v).write();
    let Some(j) = g.iter().position(|&y| y == b) else {
        return Err(value_error("value not found in bytearray"));
    };
    check_resizable(v)?;
    g.remove(j);
    Ok(Value::None)
}

fn m_reverse(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs_value(K, "reverse", args, kwargs)?;
    lock_of(v).write().reverse();
    Ok(Value::None)
}

fn m_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs_value(K, "clear", args, kwargs)?;
    let mut g = lock_of(v).write();
    store(v, &mut g, Vec::new())?;
    Ok(Value::None)
}

fn m_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(K, "copy", args, kwargs)?;
    Ok(new_bytearray(s.data.into_owned()))
}

fn m_alloc(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(K, "__alloc__", args, kwargs)?;
    // NOTE: CPython reports its allocation, which over-allocates as the array grows; this is the size of a
    // freshly built bytearray of the same contents (with its terminating NUL).
    let n = s.data.len();
    Ok(Value::Int(if n == 0 { 0 } else { n as i64 + 1 }))
}

/// The arguments of a slot wrapper of `bytearray`.
fn slot_args<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)], n: usize) -> PyResult<&'a [Value]> {
    let Some(v) = args.first() else {
        return Err(type_error(format!("descriptor '{name}' of 'bytearray' object needs an argument")));
    };
    if !matches!(v.payload(), Some(Payload::ByteArray(_))) {
        return Err(type_error(format!(
            "descriptor '{name}' requires a 'bytearray' object but received a '{}'",
            v.type_name()
        )));
    }
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.len() - 1 != n {
        return Err(bytes::slot_count_error(name, n, args.len() - 1));
    }
    Ok(args)
}

fn d_setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = slot_args("__setitem__", args, kwargs, 2)?;
    setitem(&a[0], &a[1], &a[2])?;
    Ok(Value::None)
}

fn d_delitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = slot_args("__delitem__", args, kwargs, 1)?;
    delitem(&a[0], &a[1])?;
    Ok(Value::None)
}

fn d_iadd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = slot_args("__iadd__", args, kwargs, 1)?;
    iadd(&a[0], &a[1])
}

fn d_imul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = slot_args("__imul__", args, kwargs, 1)?;
    let n = ops::number::index(&a[1])?;
    let Some(n) = crate::builtins::int::as_i64(&n) else {
        return Err(PyErr::new(ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"));
    };
    imul(&a[0], n)
}

/// `__release_buffer__(view)`: releases a memoryview of this bytearray.
fn d_release_buffer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = slot_args("__release_buffer__", args, kwargs, 1)?;
    crate::builtins::memoryview::release_of(&a[0], &a[1])?;
    Ok(Value::None)
}

/// The pickling state of a bytearray: its `__dict__` when it has a non-empty one.
fn reduce_state(v: &Value) -> Value {
    match v.as_obj().and_then(type_::instance_dict) {
        Some(d) if dict::len(&d) > 0 => Value::Obj(d),
        _ => Value::None,
    }
}

/// CPython's `_common_reduce`: before protocol 3, the contents as a Latin-1 `str`.
fn common_reduce(v: &Value, data: &[u8], proto: i64) -> Value {
    let cls = Value::Obj(v.ty().clone());
    let args = if proto < 3 {
        let text: String = data.iter().map(|&b| b as char).collect();
        tuple::new_tuple_array([Value::from(text), Value::from("latin-1")])
    } else if data.is_empty() {
        tuple::new_tuple_array([])
    } else {
        tuple::new_tuple_array([bytes::new_bytes(data)])
    };
    tuple::new_tuple_array([cls, args, reduce_state(v)])
}

fn m_reduce(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(K, "__reduce__", args, kwargs)?;
    Ok(common_reduce(s.v, &s.data, 2))
}

fn m_reduce_ex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(K, "__reduce_ex__", args)?;
    if !kwargs.is_empty() {
        return Err(type_error("bytearray.__reduce_ex__() takes no keyword arguments"));
    }
    clinic_count("__reduce_ex__", args.len() - 1, 0, 1)?;
    let proto = match args.get(1) {
        Some(v) => {
            let i = ops::number::index(v)?;
            crate::builtins::int::as_i64(&i).unwrap_or(i64::MAX)
        }
        None => 0,
    };
    Ok(common_reduce(s.v, &s.data, proto))
}

// ---------------------------------------------------------------------------------------------------------
// Iteration.

/// Iterates a bytearray by index, seeing changes made during the iteration as CPython does.
struct ByteArrayIter {
    ba: Value,
    pos: Mutex<usize>,
}

impl NativeIter for ByteArrayIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        let g = lock_of(&self.ba).read();
        if *pos < g.len() {
            *pos += 1;
            return Ok(Some(Value::Int(g[*pos - 1] as i64)));
        }
        // Once exhausted, stay exhausted even if the array grows.
        *pos = usize::MAX;
        Ok(None)
    }

    fn length_hint(&self) -> Option<usize> {
        let pos = *self.pos.lock();
        Some(lock_of(&self.ba).read().len().saturating_sub(pos))
    }
}

/// `iter(b)` for a bytearray.
pub fn iter(v: &Value) -> Value {
    new_iter("bytearray_iterator", Box::new(ByteArrayIter { ba: v.clone(), pos: Mutex::new(0) }))
}

/// The methods only `bytearray` has.
const METHODS: &[(&str, NativeFn)] = &[
    ("append", m_append),
    ("clear", m_clear),
    ("copy", m_copy),
    ("extend", m_extend),
    ("insert", m_insert),
    ("pop", m_pop),
    ("remove", m_remove),
    ("reverse", m_reverse),
    ("__alloc__", m_alloc),
    ("__init__", m_init),
    ("__setitem__", d_setitem),
    ("__delitem__", d_delitem),
    ("__iadd__", d_iadd),
    ("__imul__", d_imul),
    ("__release_buffer__", d_release_buffer),
    ("__reduce__", m_reduce),
    ("__reduce_ex__", m_reduce_ex),
];

/// `bytearray.__doc__`, as CPython's.
const DOC: &str = "bytearray(iterable_of_ints) -> bytearray\n\
bytearray(string, encoding[, errors]) -> bytearray\n\
bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n\
bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n\
bytearray() -> empty bytes array\n\
\n\
Construct a mutable bytearray object from:\n  \
- an iterable yielding integers in range(256)\n  \
- a text string encoded using the specified encoding\n  \
- a bytes or a buffer object\n  \
- any object implementing the buffer API.\n  \
- an integer";

pub fn register() {
    let t = &types().bytearray;
    dict::set_str(&type_::type_obj(t).dict, "__doc__", Value::from(DOC));
    crate::builtins::add_methods(t, bytes::BYTEARRAY_SHARED);
    crate::builtins::add_methods(t, METHODS);
    bytes::add_class_level(t, Kind::ByteArray);
    // Bytearrays are unhashable: `__hash__ = None` makes subclasses unhashable too.
    dict::set_str(&type_::type_obj(t).dict, "__hash__", Value::None);
    type_::type_obj(t).modified();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(v: &Value) -> Vec<u8> {
        lock_of(v).read().clone()
    }

    #[test]
    fn slice_assignment_and_deletion() {
        let b = new_bytearray(b"abcdef".to_vec());
        let sl =
            |a: i64, z: i64, s: i64| crate::builtins::slice::new_slice(Value::Int(a), Value::Int(z), Value::Int(s));
        setitem(&b, &sl(1, 3, 1), &bytes::new_bytes(b"XYZ")).unwrap();
        assert_eq!(contents(&b), b"aXYZdef");
        delitem(&b, &sl(0, 7, 2)).unwrap();
        assert_eq!(contents(&b), b"XZe");
        assert!(setitem(&b, &sl(0, 3, 2), &bytes::new_bytes(b"q")).is_err());
        setitem(&b, &Value::Int(-1), &Value::Int(33)).unwrap();
        assert_eq!(contents(&b), b"XZ!");
    }

    #[test]
    fn racing_appends_and_item_writes_are_not_lost() {
        let b = new_bytearray(Vec::new());
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let b = b.clone();
                std::thread::spawn(move || {
                    for _ in 0..1000 {
                        m_append(&[b.clone(), Value::Int(t)], &[]).unwrap();
                        iadd(&b, &bytes::new_bytes(&[t as u8])).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let data = contents(&b);
        assert_eq!(data.len(), 8000);
        for t in 0..4u8 {
            assert_eq!(data.iter().filter(|&&x| x == t).count(), 2000);
        }
    }

    #[test]
    fn exports_block_resizing() {
        let b = new_bytearray(b"ab".to_vec());
        let o = b.as_obj().unwrap().clone();
        export(&o);
        assert!(iadd(&b, &bytes::new_bytes(b"c")).is_err());
        setitem(&b, &Value::Int(0), &Value::Int(120)).unwrap();
        unexport(&o);
        iadd(&b, &bytes::new_bytes(b"c")).unwrap();
        assert_eq!(contents(&b), b"xbc");
    }
}
