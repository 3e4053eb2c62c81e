//! `list`: mutable sequences guarded by a per-list lock; every single operation is atomic.
//!
//! The methods work on the payload directly rather than through the generic operations in `ops`, because a
//! subclass that overrides `__getitem__` (say) and calls `super().__getitem__(i)` reaches them, and the generic
//! operation would dispatch straight back to the override. Element comparisons, hashing and reprs do go through
//! `ops`. The lock is never held while Python code runs: comparisons with `__eq__`, key functions and
//! `__index__` of slice bounds run on values taken out of the list first.
//!
//! This file also holds small helpers the other container types share: receiver checks with CPython's
//! descriptor messages, slot-wrapper argument checks, the repr recursion guard and sequence comparison.

use std::cell::RefCell;

use parking_lot::{Mutex, RwLock};

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::iter::{new_iter, ListIter, NativeIter};
use crate::builtins::slice::adjust_indices;
use crate::builtins::{add_methods, dict, int, type_, types};
use crate::error::{index_error, overflow_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::Value;

pub use crate::builtins::list_sort::sort_values;

// ----- helpers shared by the container types -----

/// How CPython reports a built-in method called on the wrong receiver: method descriptors (`list.append`)
/// and slot wrappers (`list.__len__`) word it differently.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recv {
    Method,
    Slot,
}

/// The receiver `args[0]` of a native method of type `ty`, checked as CPython's descriptors check it.
pub(crate) fn receiver<'a>(args: &'a [Value], ty: &ObjRef, name: &str, kind: Recv) -> PyResult<&'a Value> {
    // The type's name is only formatted on the error paths: it costs a lock and an allocation, and this check
    // runs on every call of a native method.
    if let Some(this) = args.first() {
        if this.ty().ptr_eq(ty) {
            return Ok(this);
        }
    }
    let tname = type_::type_name(ty);
    let Some(this) = args.first() else {
        return Err(type_error(match kind {
            Recv::Method => format!("unbound method {tname}.{name}() needs an argument"),
            Recv::Slot => format!("descriptor '{name}' of '{tname}' object needs an argument"),
        }));
    };
    if !type_::is_subtype(this.ty(), ty) {
        return Err(type_error(match kind {
            Recv::Method => {
                format!("descriptor '{name}' for '{tname}' objects doesn't apply to a '{}' object", this.type_name())
            }
            Recv::Slot => {
                format!("descriptor '{name}' requires a '{tname}' object but received a '{}'", this.type_name())
            }
        }));
    }
    Ok(this)
}

/// Argument checks of a slot wrapper (`[].__eq__(x)`): `n` arguments after the receiver, no keywords.
/// `unpack` selects the wording of wrappers that unpack their arguments (`__setitem__`, `__mul__`).
pub(crate) fn slot_args<'a>(
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    name: &str,
    n: usize,
    unpack: bool,
) -> PyResult<&'a [Value]> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    let got = args.len().saturating_sub(1);
    if got != n {
        let lead = if unpack { " " } else { "" };
        return Err(type_error(format!("{lead}expected {n} argument{}, got {got}", if n == 1 { "" } else { "s" })));
    }
    Ok(args)
}

/// The `NotImplemented` singleton, returned by binary dunders for operands they do not handle.
pub(crate) fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

thread_local! {
    /// Containers whose native `__repr__` is running on this thread, so a container holding itself prints
    /// `[...]` instead of recursing.
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks a container's repr as in progress on this thread until dropped.
pub(crate) struct ReprGuard(usize);

impl ReprGuard {
    pub(crate) fn enter(addr: usize) -> Option<ReprGuard> {
        REPR_ACTIVE.with(|r| {
            let mut r = r.borrow_mut();
            if r.contains(&addr) {
                None
            } else {
                r.push(addr);
                Some(ReprGuard(addr))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        REPR_ACTIVE.with(|r| r.borrow_mut().retain(|a| *a != self.0));
    }
}

/// `", "`-joined reprs.
pub(crate) fn join_reprs(items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&ops::format::repr(v)?);
    }
    Ok(out)
}

/// CPython's list/tuple rich comparison of two snapshots: the first differing pair decides, through its own
/// comparison (whose result is returned as is), else the lengths.
pub(crate) fn seq_richcmp(a: &[Value], b: &[Value], op: CmpOp) -> PyResult<Value> {
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && a.len() != b.len() {
        return Ok(Value::Bool(op == CmpOp::Ne));
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        if !ops::compare::eq_bool(&a[i], &b[i])? {
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::Ne => Ok(Value::Bool(true)),
                _ => ops::compare::richcmp(&a[i], &b[i], op),
            };
        }
    }
    let o = a.len().cmp(&b.len());
    Ok(Value::Bool(match op {
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }))
}

/// A repeat count for `seq * n` called as a method (`PyNumber_AsSsize_t(n, OverflowError)`): negative counts
/// are zero.
pub(crate) fn repeat_count(n: &Value) -> PyResult<usize> {
    let i = ops::number::index(n)?;
    match int::as_i64(&i) {
        Some(i) => Ok(i.max(0) as usize),
        None => Err(overflow_error(format!("cannot fit '{}' into an index-sized integer", n.type_name()))),
    }
}

/// The total size of a repetition, or CPython's MemoryError when it could never be allocated.
pub(crate) fn repeat_size(len: usize, n: usize) -> PyResult<usize> {
    // Past 2**32 items (64 GiB of values) the allocation would fail; CPython reports that as MemoryError.
    match len.checked_mul(n) {
        Some(t) if t <= 1 << 32 => Ok(t),
        _ => Err(PyErr::with_args(ExcKind::MemoryError, vec![])),
    }
}

/// An index argument that must fit in an i64 (Argument Clinic's `Py_ssize_t` converter).
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
}

/// A `start`/`stop` argument of `index()` (`_PyEval_SliceIndexNotNone`), clamped to i64.
pub(crate) fn slice_arg(v: &Value) -> PyResult<i64> {
    crate::builtins::slice::index_clamped(v, "slice indices must be integers or have an __index__ method")
}

/// `start`/`stop` of `index(x, start, stop)` normalised against `len` as CPython does.
pub(crate) fn index_bounds(args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let norm = |v: i64| -> usize {
        if v < 0 {
            (v.saturating_add(n)).max(0) as usize
        } else {
            v as usize
        }
    };
    let start = match args.get(2) {
        Some(v) => norm(slice_arg(v)?),
        None => 0,
    };
    let stop = match args.get(3) {
        Some(v) => norm(slice_arg(v)?),
        None => usize::MAX,
    };
    Ok((start, stop))
}

// ----- the list itself -----

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
        crate::qsbr::write(l, |v| v.push(item));
    }
}

fn lock_of(v: &Value) -> &RwLock<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) => l,
        _ => unreachable!("receiver checked to be a list"),
    }
}

fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a Value> {
    receiver(args, &types().list, name, kind)
}

/// A snapshot of a list's items.
pub fn items(v: &Value) -> Vec<Value> {
    lock_of(v).read().clone()
}

/// `l[key]` on the payload (`list_subscript`).
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let l = lock_of(v);
    if let Some(Payload::Slice(s)) = key.payload() {
        let (start, stop, step) = s.unpack()?;
        let g = l.read();
        let (start, _, n) = adjust_indices(g.len() as i64, start, stop, step);
        return Ok(new_list((0..n).map(|k| g[(start + k * step) as usize].clone()).collect()));
    }
    let i = ops::number::index_i64(key, "list indices")?;
    let g = l.read();
    let j = ops::subscript::norm(i, g.len()).ok_or_else(|| index_error("list index out of range"))?;
    Ok(g[j].clone())
}

/// `l[key] = value` on the payload (`list_ass_subscript`).
pub fn setitem(v: &Value, key: &Value, value: Value) -> PyResult<()> {
    let l = lock_of(v);
    if let Some(Payload::Slice(s)) = key.payload() {
        let (start, stop, step) = s.unpack()?;
        return assign_slice(l, start, stop, step, &value);
    }
    let i = ops::number::index_i64(key, "list indices")?;
    let mut g = l.write();
    let j = ops::subscript::norm(i, g.len()).ok_or_else(|| index_error("list assignment index out of range"))?;
    let old = std::mem::replace(&mut g[j], value);
    drop(g);
    drop(old);
    Ok(())
}

/// `l[start:stop:step] = value` with the slice already unpacked (`list_ass_subscript`); generated code's
/// `a[i:j] = v` comes here too without making a slice object (`ops::subscript::setslice`).
pub fn assign_slice(l: &RwLock<Vec<Value>>, start: i64, stop: i64, step: i64, value: &Value) -> PyResult<()> {
    // The new items are gathered before locking: iterating `value` may run Python code. A list assigned to a
    // slice of itself is copied first, as CPython does.
    let mut items = collect_assigned(value, step)?;
    let mut g = l.write();
    let (start, stop, n) = adjust_indices(g.len() as i64, start, stop, step);
    // Replaced values are dropped after unlocking (freeing them may run more code), last first, as CPython's
    // `list_ass_slice` releases them.
    let mut removed = if step == 1 {
        let (start, stop) = (start as usize, stop.max(start) as usize);
        if stop - start == items.len() {
            g[start..stop].swap_with_slice(&mut items);
            items
        } else {
            g.splice(start..stop, items).collect()
        }
    } else {
        if items.len() as i64 != n {
            return Err(value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {n}",
                items.len()
            )));
        }
        let mut old = Vec::with_capacity(items.len());
        for (k, item) in items.into_iter().enumerate() {
            old.push(std::mem::replace(&mut g[(start + k as i64 * step) as usize], item));
        }
        old
    };
    drop(g);
    while let Some(old) = removed.pop() {
        drop(old);
    }
    Ok(())
}

/// The items of a value assigned to a slice, with CPython's message when it is not iterable. An exact list or
/// tuple is copied directly (CPython's `PySequence_Fast`), under its own lock.
fn collect_assigned(value: &Value, step: i64) -> PyResult<Vec<Value>> {
    if let Some(o) = value.as_obj() {
        let t = types();
        match &o.payload {
            Payload::List(src) if o.ty().ptr_eq(&t.list) => return Ok(src.read().clone()),
            Payload::Tuple(items) if o.ty().ptr_eq(&t.tuple) => return Ok(items.to_vec()),
            _ => {}
        }
    }
    if matches!(value.payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
        return ops::iter::collect(value);
    }
    let it = match ops::iter::iter(value) {
        Ok(it) => it,
        Err(e) if e.matches(ExcKind::TypeError) => {
            return Err(type_error(if step == 1 {
                "can only assign an iterable"
            } else {
                "must assign iterable to extended slice"
            }))
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = ops::iter::next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// `del l[key]` on the payload.
pub fn delitem(v: &Value, key: &Value) -> PyResult<()> {
    let l = lock_of(v);
    if let Some(Payload::Slice(s)) = key.payload() {
        let (start, stop, step) = s.unpack()?;
        let mut g = l.write();
        let (start, _, n) = adjust_indices(g.len() as i64, start, stop, step);
        if n <= 0 {
            return Ok(());
        }
        let removed: Vec<Value> = if step == 1 {
            g.drain(start as usize..(start + n) as usize).collect()
        } else {
            // Remove from the highest position down so the lower positions stay valid.
            let mut pos: Vec<usize> = (0..n).map(|k| (start + k * step) as usize).collect();
            pos.sort_unstable();
            pos.iter().rev().map(|&p| g.remove(p)).collect()
        };
        drop(g);
        drop(removed);
        return Ok(());
    }
    let i = ops::number::index_i64(key, "list indices")?;
    let mut g = l.write();
    let j = ops::subscript::norm(i, g.len()).ok_or_else(|| index_error("list assignment index out of range"))?;
    let old = g.remove(j);
    drop(g);
    drop(old);
    Ok(())
}

/// `l.extend(iterable)` (also `l += iterable`).
pub fn extend(v: &Value, iterable: &Value) -> PyResult<()> {
    let items = ops::iter::collect(iterable)?;
    lock_of(v).write().extend(items);
    Ok(())
}

/// Finds the first position in `start..stop` whose item equals `x` (item on the left of `==`), without
/// holding the lock while `__eq__` runs. Returns the position and the item found there.
fn find(v: &Value, x: &Value, start: usize, stop: usize) -> PyResult<Option<(usize, Value)>> {
    let l = lock_of(v);
    let mut i = start;
    loop {
        let item = {
            let g = l.read();
            if i >= g.len().min(stop) {
                return Ok(None);
            }
            // Items that compare without Python code are scanned under the lock.
            while i < g.len().min(stop) {
                match ops::compare::fast_eq(&g[i], x) {
                    Some(true) => return Ok(Some((i, g[i].clone()))),
                    Some(false) => i += 1,
                    None => break,
                }
            }
            if i >= g.len().min(stop) {
                return Ok(None);
            }
            g[i].clone()
        };
        if ops::compare::eq_bool(&item, x)? {
            return Ok(Some((i, item)));
        }
        i += 1;
    }
}

/// `l.count(x)`.
pub fn count(v: &Value, x: &Value) -> PyResult<usize> {
    let mut n = 0;
    let mut i = 0;
    while let Some((j, _)) = find(v, x, i, usize::MAX)? {
        n += 1;
        i = j + 1;
    }
    Ok(n)
}

/// `l.remove(x)`: removes the first equal item; the item compared is the one removed, even if `__eq__`
/// mutated the list meanwhile.
pub fn remove(v: &Value, x: &Value) -> PyResult<bool> {
    let mut start = 0;
    loop {
        let Some((i, item)) = find(v, x, start, usize::MAX)? else {
            return Ok(false);
        };
        let mut g = lock_of(v).write();
        if i < g.len() && g[i].is(&item) {
            let old = g.remove(i);
            drop(g);
            drop(old);
            return Ok(true);
        }
        // The list changed under the comparison: look again from the same place.
        start = i;
    }
}

/// `l.pop(i)`.
pub fn pop(v: &Value, i: Option<i64>) -> PyResult<Value> {
    crate::qsbr::write(lock_of(v), |g| {
        if g.is_empty() {
            return Err(index_error("pop from empty list"));
        }
        let i = i.unwrap_or(-1);
        let j = ops::subscript::norm(i, g.len()).ok_or_else(|| index_error("pop index out of range"))?;
        Ok(g.remove(j))
    })
}

/// `l.insert(i, x)` with CPython's clamping of the position.
pub fn insert(v: &Value, i: i64, x: Value) {
    crate::qsbr::write(lock_of(v), |g| {
        let n = g.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        g.insert(j as usize, x);
    })
}

/// Whether comparing `v` with other such values can run no Python code, so a sort may hold the lock.
fn native_order(v: &Value, depth: u32) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => true,
        Value::None => false,
        Value::Obj(o) => {
            if type_::type_obj(o.ty()).heap {
                return false;
            }
            match &o.payload {
                Payload::Str(_) | Payload::Bytes(_) | Payload::Int(_) => true,
                Payload::Tuple(t) => depth < 4 && t.iter().all(|x| native_order(x, depth + 1)),
                _ => false,
            }
        }
    }
}

/// `l.sort(key=..., reverse=...)`, CPython's way: the list looks empty while keys are computed and items are
/// compared, and any change made to it meanwhile is discarded with "list modified during sort".
pub fn sort(v: &Value, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let l = lock_of(v);
    if key.is_none() {
        let mut g = l.write();
        if g.iter().all(|x| native_order(x, 0)) {
            // No comparison can run Python code: sort under the lock, atomically.
            return sort_values(&mut g, None, reverse);
        }
    }
    let mut saved = std::mem::take(&mut *l.write());
    let result = (|| {
        let keys = match key {
            Some(k) => Some(
                saved.iter().map(|i| ops::call::call(k, std::slice::from_ref(i), &[])).collect::<PyResult<Vec<_>>>()?,
            ),
            None => None,
        };
        sort_values(&mut saved, keys, reverse)
    })();
    let added = {
        let mut g = l.write();
        std::mem::replace(&mut *g, saved)
    };
    let modified = !added.is_empty();
    drop(added);
    result?;
    if modified {
        return Err(value_error("list modified during sort"));
    }
    Ok(())
}

/// `repr()` of a list of any (sub)type, without dispatching to a subclass's `__repr__`.
pub fn repr(v: &Value) -> PyResult<String> {
    if v.ty().ptr_eq(&types().list) {
        return ops::format::repr(v);
    }
    let o = v.as_obj().expect("list");
    let Some(_g) = ReprGuard::enter(o.addr()) else {
        return Ok("[...]".into());
    };
    let snapshot = items(v);
    Ok(format!("[{}]", join_reprs(&snapshot)?))
}

/// Iterates a list backwards by index (`list_reverseiterator`), as CPython's does: an item removed meanwhile
/// ends the iteration early rather than failing.
pub struct ListRevIter {
    pub list: Value,
    /// The next index to yield plus one; 0 when exhausted.
    pub pos: Mutex<usize>,
}

impl NativeIter for ListRevIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        if *pos == 0 {
            return Ok(None);
        }
        let g = lock_of(&self.list).read();
        let i = *pos - 1;
        if i < g.len() {
            *pos = i;
            return Ok(Some(g[i].clone()));
        }
        *pos = 0;
        Ok(None)
    }
    fn length_hint(&self) -> Option<usize> {
        Some(*self.pos.lock())
    }
}

/// `reversed(l)`.
pub fn reversed(v: &Value) -> Value {
    let n = lock_of(v).read().len();
    new_iter("list_reverseiterator", Box::new(ListRevIter { list: v.clone(), pos: Mutex::new(n) }))
}

// ----- methods -----

fn m_append(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // The usual call: an exact list and one positional argument, checked without the argument parser.
    if let ([v, item], []) = (args, kwargs) {
        if v.ty().ptr_eq(&types().list) {
            let item = item.clone();
            crate::qsbr::write(lock_of(v), |items| items.push(item));
            return Ok(Value::None);
        }
    }
    let v = recv(args, "append", Recv::Method)?;
    let a = Args::new("list.append", args, kwargs).exact(2)?;
    let item = a[1].clone();
    crate::qsbr::write(lock_of(v), |items| items.push(item));
    Ok(Value::None)
}

fn m_extend(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "extend", Recv::Method)?;
    let a = Args::new("list.extend", args, kwargs).exact(2)?;
    extend(v, &a[1])?;
    Ok(Value::None)
}

fn m_insert(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "insert", Recv::Method)?;
    Args::new("list.insert", args, kwargs).no_kwargs()?;
    if args.len() != 3 {
        return Err(type_error(format!("insert expected 2 arguments, got {}", args.len() - 1)));
    }
    let i = ssize_arg(&args[1])?;
    insert(v, i, args[2].clone());
    Ok(Value::None)
}

fn m_pop(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "pop", Recv::Method)?;
    let a = Args::new("list.pop", args, kwargs).between(1, 2)?;
    let i = match a.get(1) {
        Some(x) => Some(ssize_arg(x)?),
        None => None,
    };
    pop(v, i)
}

fn m_remove(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "remove", Recv::Method)?;
    let a = Args::new("list.remove", args, kwargs).exact(2)?;
    if !remove(v, &a[1])? {
        return Err(value_error("list.remove(x): x not in list"));
    }
    Ok(Value::None)
}

fn m_index(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "index", Recv::Method)?;
    let a = Args::new("list.index", args, kwargs).between(2, 4)?;
    let len = lock_of(v).read().len();
    let (start, stop) = index_bounds(a, len)?;
    match find(v, &a[1], start, stop)? {
        Some((i, _)) => Ok(Value::Int(i as i64)),
        None => Err(value_error(format!("{} is not in list", ops::format::repr(&a[1])?))),
    }
}

fn m_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "count", Recv::Method)?;
    let a = Args::new("list.count", args, kwargs).exact(2)?;
    Ok(Value::Int(count(v, &a[1])? as i64))
}

fn m_sort(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "sort", Recv::Method)?;
    if args.len() > 1 {
        return Err(type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, val) in kwargs {
        match k.as_str().unwrap_or("") {
            "key" => key = Some(val.clone()).filter(|k| !k.is_none()),
            "reverse" => reverse = ops::truthy(val)?,
            other => return Err(type_error(format!("'{other}' is an invalid keyword argument for sort()"))),
        }
    }
    sort(v, key.as_ref(), reverse)?;
    Ok(Value::None)
}

fn m_reverse(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "reverse", Recv::Method)?;
    Args::new("list.reverse", args, kwargs).exact(1)?;
    lock_of(v).write().reverse();
    Ok(Value::None)
}

fn m_copy(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "copy", Recv::Method)?;
    Args::new("list.copy", args, kwargs).exact(1)?;
    Ok(new_list(items(v)))
}

fn m_clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "clear", Recv::Method)?;
    Args::new("list.clear", args, kwargs).exact(1)?;
    let old = std::mem::take(&mut *lock_of(v).write());
    drop(old);
    Ok(Value::None)
}

fn m_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__len__", Recv::Slot)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(lock_of(v).read().len() as i64))
}

fn m_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__getitem__", Recv::Method)?;
    let a = Args::new("list.__getitem__", args, kwargs).exact(2)?;
    getitem(v, &a[1])
}

fn m_setitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__setitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__setitem__", 2, true)?;
    setitem(v, &a[1], a[2].clone())?;
    Ok(Value::None)
}

fn m_delitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__delitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__delitem__", 1, false)?;
    delitem(v, &a[1])?;
    Ok(Value::None)
}

fn m_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__contains__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__contains__", 1, false)?;
    Ok(Value::Bool(find(v, &a[1], 0, usize::MAX)?.is_some()))
}

fn m_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(new_iter("list_iterator", Box::new(ListIter { list: v.clone(), pos: Mutex::new(0) })))
}

fn m_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__reversed__", Recv::Method)?;
    Args::new("list.__reversed__", args, kwargs).exact(1)?;
    Ok(reversed(v))
}

fn m_add(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__add__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__add__", 1, false)?;
    if !matches!(a[1].payload(), Some(Payload::List(_))) {
        return Err(type_error(format!("can only concatenate list (not \"{}\") to list", a[1].type_name())));
    }
    let mut out = items(v);
    out.extend(items(&a[1]));
    Ok(new_list(out))
}

fn m_iadd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__iadd__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__iadd__", 1, false)?;
    extend(v, &a[1])?;
    Ok(v.clone())
}

fn repeat(v: &Value, n: &Value) -> PyResult<Value> {
    let n = repeat_count(n)?;
    let src = items(v);
    let mut out = Vec::with_capacity(repeat_size(src.len(), n)?);
    for _ in 0..n {
        out.extend(src.iter().cloned());
    }
    Ok(new_list(out))
}

fn m_mul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__mul__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__mul__", 1, true)?;
    repeat(v, &a[1])
}

fn m_rmul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__rmul__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__rmul__", 1, true)?;
    repeat(v, &a[1])
}

fn m_imul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__imul__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__imul__", 1, true)?;
    let n = repeat_count(&a[1])?;
    let mut g = lock_of(v).write();
    let total = repeat_size(g.len(), n)?;
    if n == 0 {
        let old = std::mem::take(&mut *g);
        drop(g);
        drop(old);
        return Ok(v.clone());
    }
    let src = g.clone();
    g.reserve(total - src.len());
    for _ in 1..n {
        g.extend(src.iter().cloned());
    }
    Ok(v.clone())
}

/// `list.__eq__` and friends: NotImplemented unless the other operand is a list.
fn cmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    let v = recv(args, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    if !matches!(a[1].payload(), Some(Payload::List(_))) {
        return Ok(not_implemented());
    }
    // Snapshots: the comparison may run Python code that mutates the lists.
    seq_richcmp(&items(v), &items(&a[1]), op)
}

fn m_eq(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Eq)
}
fn m_ne(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Ne)
}
fn m_lt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Lt)
}
fn m_le(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Le)
}
fn m_gt(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Gt)
}
fn m_ge(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
    cmp(a, k, CmpOp::Ge)
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    repr(v).map(Value::from)
}

/// `list.__init__(self, iterable=())`: empties the list, then extends it (so `l.__init__(l)` leaves it empty,
/// as in CPython).
fn m_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(args, "__init__", Recv::Slot)?;
    if !kwargs.is_empty() {
        return Err(type_error("list() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(type_error(format!("list expected at most 1 argument, got {}", args.len() - 1)));
    }
    let old = std::mem::take(&mut *lock_of(v).write());
    drop(old);
    if let Some(it) = args.get(1) {
        extend(v, it)?;
    }
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("append", m_append),
    ("extend", m_extend),
    ("insert", m_insert),
    ("pop", m_pop),
    ("remove", m_remove),
    ("index", m_index),
    ("count", m_count),
    ("sort", m_sort),
    ("reverse", m_reverse),
    ("copy", m_copy),
    ("clear", m_clear),
    ("__len__", m_len),
    ("__getitem__", m_getitem),
    ("__setitem__", m_setitem),
    ("__delitem__", m_delitem),
    ("__contains__", m_contains),
    ("__iter__", m_iter),
    ("__reversed__", m_reversed),
    ("__add__", m_add),
    ("__iadd__", m_iadd),
    ("__mul__", m_mul),
    ("__rmul__", m_rmul),
    ("__imul__", m_imul),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
    ("__repr__", m_repr),
    ("__init__", m_init),
];

pub fn register() {
    let t = types();
    add_methods(&t.list, METHODS);
    // Lists are unhashable: `__hash__ = None` makes subclasses unhashable too.
    dict::set_str(&type_::type_obj(&t.list).dict, "__hash__", Value::None);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &Value) -> Vec<i64> {
        items(v).iter().map(|x| int::as_i64(x).expect("int")).collect()
    }

    #[test]
    fn sort_is_stable_and_reverse_keeps_ties_in_order() {
        let l = new_list((0..40).map(|i| Value::Int(i % 7)).collect());
        sort(&l, None, false).unwrap();
        let mut want: Vec<i64> = (0..40).map(|i| i % 7).collect();
        want.sort();
        assert_eq!(ints(&l), want);
        // Sorting pairs by their first item with reverse=True keeps the original order of ties.
        let pairs: Vec<Value> =
            (0..20).map(|i| crate::builtins::tuple::new_tuple_array([Value::Int(i % 3), Value::Int(i)])).collect();
        let mut items = pairs.clone();
        let keys: Vec<Value> = pairs.iter().map(|p| p.as_tuple().unwrap()[0].clone()).collect();
        sort_values(&mut items, Some(keys), true).unwrap();
        let got: Vec<(i64, i64)> = items
            .iter()
            .map(|p| {
                let t = p.as_tuple().unwrap();
                (int::as_i64(&t[0]).unwrap(), int::as_i64(&t[1]).unwrap())
            })
            .collect();
        let mut want: Vec<(i64, i64)> = (0..20).map(|i| (i % 3, i)).collect();
        want.sort_by_key(|w| std::cmp::Reverse(w.0));
        assert_eq!(got, want);
    }

    #[test]
    fn pop_and_append_are_atomic_across_threads() {
        let l = new_list(Vec::new());
        std::thread::scope(|sc| {
            for t in 0..4i64 {
                let l = &l;
                sc.spawn(move || {
                    for i in 0..1000 {
                        m_append(&[l.clone(), Value::Int(t * 1000 + i)], &[]).unwrap();
                    }
                });
            }
        });
        assert_eq!(items(&l).len(), 4000);
        let popped = Mutex::new(Vec::new());
        std::thread::scope(|sc| {
            for _ in 0..4 {
                let (l, popped) = (&l, &popped);
                sc.spawn(move || {
                    let mut mine = Vec::new();
                    while let Ok(v) = pop(l, None) {
                        mine.push(int::as_i64(&v).unwrap());
                    }
                    popped.lock().extend(mine);
                });
            }
        });
        let mut got = popped.into_inner();
        got.sort();
        assert_eq!(got, (0..4000).collect::<Vec<_>>(), "every item popped exactly once");
    }

    #[test]
    fn failed_sort_keeps_every_item() {
        let l = new_list(vec![Value::Int(3), Value::from("a"), Value::Int(1)]);
        assert!(sort(&l, None, false).is_err());
        assert_eq!(items(&l).len(), 3);
    }
}
