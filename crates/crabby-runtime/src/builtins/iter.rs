//! Built-in iterator types: sequence iterators over lists, tuples, strings, ranges, dicts and sets.
//!
//! Each iterator keeps its position behind its own lock, so `next(it)` on an iterator shared by threads is
//! atomic: no two threads get the same item.

use parking_lot::Mutex;

use crate::builtins::types;
use crate::error::{runtime_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

/// A native iterator: `__next__` returning `None` when exhausted.
pub trait NativeIter: Send + Sync {
    fn next(&self) -> PyResult<Option<Value>>;
    /// `__length_hint__`, where cheap.
    fn length_hint(&self) -> Option<usize> {
        None
    }
}

/// The type object of the built-in iterator type called `name`.
#[inline]
pub fn iter_type(name: &str) -> &'static ObjRef {
    &types().iterators[iter_index(name)].1
}

/// The position of `name` in `ITERATOR_TYPES` (the first entry for an unknown name). A `const fn`, so that
/// calls with a literal name, the usual case, fold to a constant: the search by string comparisons was
/// 1.7% of `benchmarks/nqueens.py` (every generator object looked its type up).
#[inline]
pub const fn iter_index(name: &str) -> usize {
    let table = crate::builtins::ITERATOR_TYPES;
    let name = name.as_bytes();
    let mut i = 0;
    while i < table.len() {
        let entry = table[i].as_bytes();
        if entry.len() == name.len() {
            let mut k = 0;
            while k < name.len() && entry[k] == name[k] {
                k += 1;
            }
            if k == name.len() {
                return i;
            }
        }
        i += 1;
    }
    0
}

#[inline]
pub fn new_iter(type_name: &str, it: Box<dyn NativeIter>) -> Value {
    Value::Obj(ObjRef::new(iter_type(type_name), Payload::Iter(it)))
}

/// Iterates a list by index, seeing appends made during iteration as CPython does.
pub struct ListIter {
    pub list: Value,
    pub pos: Mutex<usize>,
}

impl NativeIter for ListIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        if let Some(Payload::List(l)) = self.list.payload() {
            let l = l.read();
            if *pos < l.len() {
                let v = l[*pos].clone();
                *pos += 1;
                return Ok(Some(v));
            }
            // Once exhausted, stay exhausted even if the list grows.
            *pos = usize::MAX;
        }
        Ok(None)
    }
}

pub struct TupleIter {
    pub tuple: Value,
    pub pos: Mutex<usize>,
}

impl NativeIter for TupleIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        let items = self.tuple.as_tuple().unwrap_or(&[]);
        if *pos < items.len() {
            *pos += 1;
            return Ok(Some(items[*pos - 1].clone()));
        }
        Ok(None)
    }
}

pub struct StrIter {
    pub s: Value,
    /// Byte offset of the next character.
    pub pos: Mutex<usize>,
}

impl NativeIter for StrIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        match self.s.payload() {
            Some(Payload::Str(p)) => Ok(crate::builtins::str::char_from(p, &mut pos)),
            _ => Ok(None),
        }
    }
}

pub struct RangeIter {
    pub next: Mutex<(i64, i64)>,
    pub step: i64,
}

impl NativeIter for RangeIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut g = self.next.lock();
        let (cur, remaining) = *g;
        if remaining <= 0 {
            return Ok(None);
        }
        *g = (cur.wrapping_add(self.step), remaining - 1);
        Ok(Some(Value::Int(cur)))
    }
    fn length_hint(&self) -> Option<usize> {
        Some(self.next.lock().1.max(0) as usize)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

impl DictIterKind {
    /// What one step yields from the entry `e`: its key, its value, or both as a tuple.
    #[inline]
    pub fn item(self, e: &crate::builtins::dict::Entry) -> Value {
        match self {
            DictIterKind::Keys => e.key.clone(),
            DictIterKind::Values => e.value.clone(),
            DictIterKind::Items => crate::builtins::tuple::new_tuple_array([e.key.clone(), e.value.clone()]),
        }
    }
}

/// Iterates a dict in insertion order, raising CPython's RuntimeError if its size changes.
pub struct DictIter {
    pub dict: ObjRef,
    pub kind: DictIterKind,
    /// `(position in the entry array, size when iteration started)`.
    pub state: Mutex<(usize, usize)>,
}

impl NativeIter for DictIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut st = self.state.lock();
        dict_step(&self.dict, &mut st, |e| self.kind.item(e))
    }
}

/// One step of iterating `dict` in insertion order: `state` is `(position in the entry array, size when
/// iteration started)`, and `f` reads what the step yields from the entry (under the dict's read lock, so it
/// must not run Python code). A size change is CPython's RuntimeError, and sticks.
#[inline]
pub fn dict_step<T>(
    dict: &ObjRef,
    state: &mut (usize, usize),
    f: impl FnOnce(&crate::builtins::dict::Entry) -> T,
) -> PyResult<Option<T>> {
    let t = crate::builtins::dict::dict_obj(dict).table.read();
    if t.len() != state.1 {
        state.1 = usize::MAX;
        return Err(runtime_error("dictionary changed size during iteration"));
    }
    match t.entry_from(state.0) {
        Some((next, e)) => {
            state.0 = next;
            Ok(Some(f(e)))
        }
        None => {
            state.0 = usize::MAX;
            Ok(None)
        }
    }
}

/// Iterates a set in table order, raising CPython's RuntimeError if its size changes.
pub struct SetIter {
    pub set: ObjRef,
    pub state: Mutex<(usize, usize)>,
}

impl NativeIter for SetIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut st = self.state.lock();
        let t = crate::builtins::set::table(&self.set).read();
        if t.len() != st.1 {
            st.1 = usize::MAX;
            return Err(runtime_error("Set changed size during iteration"));
        }
        match t.key_from(st.0) {
            Some((next, k)) => {
                st.0 = next;
                Ok(Some(k))
            }
            None => {
                st.0 = usize::MAX;
                Ok(None)
            }
        }
    }
}

/// Iterates any object with `__getitem__` from index 0 until IndexError (the old sequence protocol).
pub struct SeqIter {
    pub seq: Value,
    pub pos: Mutex<Option<i64>>,
}

impl NativeIter for SeqIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        let Some(i) = *pos else { return Ok(None) };
        match crate::ops::subscript::getitem(&self.seq, &Value::Int(i)) {
            Ok(v) => {
                *pos = Some(i + 1);
                Ok(Some(v))
            }
            Err(e)
                if e.matches(crate::builtins::exceptions::ExcKind::IndexError)
                    || e.matches(crate::builtins::exceptions::ExcKind::StopIteration) =>
            {
                *pos = None;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// `iterator.__iter__()`: the iterator itself.
fn it_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("__iter__", args, kwargs).exact(1)?;
    Ok(a[0].clone())
}

/// `iterator.__next__()`: the next item, StopIteration when exhausted.
fn it_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("__next__", args, kwargs).exact(1)?;
    match crate::ops::iter::next(&a[0])? {
        Some(v) => Ok(v),
        None => Err(crate::error::PyErr::with_args(crate::builtins::exceptions::ExcKind::StopIteration, Vec::new())),
    }
}

/// Every built-in iterator type has `__iter__` and `__next__` as attributes (`heapq.merge` reads
/// `it.__next__`); generators register their own afterwards.
pub fn register() {
    for (_, ty) in types().iterators.iter() {
        crate::builtins::add_methods(ty, &[("__iter__", it_iter), ("__next__", it_next)]);
    }
}
