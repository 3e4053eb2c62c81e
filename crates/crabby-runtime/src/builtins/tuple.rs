//! `tuple`: immutable sequences. The items never change, so no lock is needed; the methods work on the payload
//! directly (see `list.rs` for why not through `ops`).

use crate::builtins::function::NativeFn;
use crate::builtins::list::{
    index_bounds, join_reprs, not_implemented, receiver, repeat_count, repeat_size, seq_richcmp, slot_args, Recv,
    ReprGuard,
};
use crate::builtins::slice::adjust_indices;
use crate::builtins::{add_methods, types};
use crate::error::{index_error, type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::Value;
use std::mem::MaybeUninit;

/// Tuples of at most this many items keep them inside the object: one allocation per tuple instead of two
/// (the payload has room for eight values; see `Payload`).
pub const INLINE_ITEMS: usize = 8;

/// The items of a tuple: inside the object when there are few, else in a boxed slice. Either way it reads as
/// `&[Value]` (through `Deref`), and never changes after construction.
pub enum TupleItems {
    Inline { len: u8, items: [MaybeUninit<Value>; INLINE_ITEMS] },
    Heap(Box<[Value]>),
}

impl TupleItems {
    /// Takes the items of `v`: moved into the object when they fit, else the vector's buffer becomes the slice.
    pub fn from_vec(mut v: Vec<Value>) -> TupleItems {
        let len = v.len();
        if len > INLINE_ITEMS {
            return TupleItems::Heap(v.into_boxed_slice());
        }
        let mut items = [const { MaybeUninit::uninit() }; INLINE_ITEMS];
        // SAFETY: `len` values are initialised in `v`; they are copied out bitwise and `v` forgets them
        // (`set_len(0)`), so each is owned exactly once, by `items`.
        unsafe {
            std::ptr::copy_nonoverlapping(v.as_ptr(), items.as_mut_ptr() as *mut Value, len);
            v.set_len(0);
        }
        TupleItems::Inline { len: len as u8, items }
    }

    /// Takes the items of an array (a tuple display `(a, b)` in compiled code, pairs made by the runtime).
    #[inline]
    pub fn from_array<const N: usize>(a: [Value; N]) -> TupleItems {
        if N > INLINE_ITEMS {
            return TupleItems::Heap(Box::new(a) as Box<[Value]>);
        }
        let mut items = [const { MaybeUninit::uninit() }; INLINE_ITEMS];
        let a = std::mem::ManuallyDrop::new(a);
        // SAFETY: `N <= INLINE_ITEMS` values, moved bitwise out of `a`, which will not drop them.
        unsafe { std::ptr::copy_nonoverlapping(a.as_ptr(), items.as_mut_ptr() as *mut Value, N) };
        TupleItems::Inline { len: N as u8, items }
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            // SAFETY: the first `len` items are initialised (set by the constructors, never changed).
            TupleItems::Inline { len, items } => unsafe {
                std::slice::from_raw_parts(items.as_ptr() as *const Value, *len as usize)
            },
            TupleItems::Heap(b) => b,
        }
    }
}

impl Drop for TupleItems {
    fn drop(&mut self) {
        if let TupleItems::Inline { len, items } = self {
            // SAFETY: the first `len` items are initialised and owned here; they are dropped once.
            unsafe {
                std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                    items.as_mut_ptr() as *mut Value,
                    *len as usize,
                ))
            };
        }
    }
}

impl Clone for TupleItems {
    fn clone(&self) -> TupleItems {
        TupleItems::from_vec(self.to_vec())
    }
}

pub fn new_tuple(mut items: Vec<Value>) -> Value {
    let len = items.len();
    if len > INLINE_ITEMS {
        return Value::Obj(ObjRef::new(&types().tuple, Payload::Tuple(TupleItems::Heap(items.into_boxed_slice()))));
    }
    // SAFETY: `new_inline` copies exactly `len` initialised values out of the vector, which then forgets them
    // (`set_len(0)`), so each is owned once, by the tuple.
    unsafe {
        let t = new_inline(items.as_ptr(), len);
        items.set_len(0);
        t
    }
}

/// A new tuple of the values of an array: no intermediate vector.
#[inline]
pub fn new_tuple_array<const N: usize>(items: [Value; N]) -> Value {
    if N > INLINE_ITEMS {
        return Value::Obj(ObjRef::new(&types().tuple, Payload::Tuple(TupleItems::from_array(items))));
    }
    let items = std::mem::ManuallyDrop::new(items);
    // SAFETY: the `N` values are moved bitwise into the tuple and `items` never drops them.
    unsafe { new_inline(items.as_ptr(), N) }
}

/// A tuple of `len <= INLINE_ITEMS` values copied bitwise from `src`, written straight into the new object:
/// building the payload on the stack and moving it copied all 144 bytes, through loads that straddled the
/// stores that had just written the items (a store-forwarding stall on every tuple made).
///
/// # Safety
/// `src` must point to `len` initialised values whose ownership passes to the tuple (the caller must not drop
/// them), and `len <= INLINE_ITEMS`.
#[inline(always)]
unsafe fn new_inline(src: *const Value, len: usize) -> Value {
    debug_assert!(len <= INLINE_ITEMS);
    // SAFETY: the closure writes the whole payload: the variant with its length, then its first `len` items
    // (the others stay uninitialised, as `TupleItems::Inline` allows).
    let o = unsafe {
        ObjRef::new_in_place(&types().tuple, |p| {
            p.write(Payload::Tuple(TupleItems::Inline {
                len: len as u8,
                items: [const { MaybeUninit::uninit() }; INLINE_ITEMS],
            }));
            if let Payload::Tuple(TupleItems::Inline { items, .. }) = &mut *p {
                std::ptr::copy_nonoverlapping(src, items.as_mut_ptr() as *mut Value, len);
            }
        })
    };
    Value::Obj(o)
}

pub fn new_tuple_from(items: &[Value]) -> Value {
    new_tuple(items.to_vec())
}

fn is_exact(v: &Value) -> bool {
    v.ty().ptr_eq(&types().tuple)
}

fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a [Value]> {
    let v = receiver(args, &types().tuple, name, kind)?;
    Ok(v.as_tuple().expect("tuple receiver"))
}

/// `t[key]` on the payload (`tuplesubscript`).
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let t = v.as_tuple().expect("tuple");
    if let Some(Payload::Slice(s)) = key.payload() {
        let (start, stop, step) = s.unpack()?;
        let (start, _, n) = adjust_indices(t.len() as i64, start, stop, step);
        if start == 0 && step == 1 && n == t.len() as i64 && is_exact(v) {
            // A full slice of an exact tuple is the tuple itself, as in CPython.
            return Ok(v.clone());
        }
        return Ok(new_tuple((0..n).map(|k| t[(start + k * step) as usize].clone()).collect()));
    }
    let i = ops::number::index_i64(key, "tuple indices")?;
    let n = t.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("tuple index out of range"));
    }
    Ok(t[j as usize].clone())
}

/// The first position in `start..stop` whose item equals `x` (item on the left of `==`).
fn find(t: &[Value], x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    for (i, item) in t.iter().enumerate().take(stop.min(t.len())).skip(start) {
        if ops::compare::eq_bool(item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `repr()` of a tuple of any (sub)type, without dispatching to a subclass's `__repr__`.
pub fn repr(v: &Value) -> PyResult<String> {
    if is_exact(v) {
        return ops::format::repr(v);
    }
    let t = v.as_tuple().expect("tuple");
    let Some(_g) = ReprGuard::enter(v.as_obj().expect("tuple").addr()) else {
        return Ok("(...)".into());
    };
    Ok(if t.len() == 1 { format!("({},)", ops::format::repr(&t[0])?) } else { format!("({})", join_reprs(t)?) })
}

fn m_index(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "index", Recv::Method)?;
    let a = Args::new("tuple.index", args, kwargs).between(2, 4)?;
    let (start, stop) = index_bounds(a, t.len())?;
    match find(t, &a[1], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("tuple.index(x): x not in tuple")),
    }
}

fn m_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "count", Recv::Method)?;
    let a = Args::new("tuple.count", args, kwargs).exact(2)?;
    let mut n = 0;
    for item in t {
        if ops::compare::eq_bool(item, &a[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn m_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "__len__", Recv::Slot)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(t.len() as i64))
}

fn m_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__getitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__getitem__", 1, false)?;
    getitem(&a[0], &a[1])
}

fn m_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "__contains__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__contains__", 1, false)?;
    Ok(Value::Bool(find(t, &a[1], 0, usize::MAX)?.is_some()))
}

fn m_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(crate::builtins::iter::new_iter(
        "tuple_iterator",
        Box::new(crate::builtins::iter::TupleIter { tuple: args[0].clone(), pos: parking_lot::Mutex::new(0) }),
    ))
}

fn m_add(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "__add__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__add__", 1, false)?;
    let Some(u) = a[1].as_tuple() else {
        return Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", a[1].type_name())));
    };
    let mut out = t.to_vec();
    out.extend(u.iter().cloned());
    Ok(new_tuple(out))
}

fn repeat(v: &Value, n: &Value) -> PyResult<Value> {
    let t = v.as_tuple().expect("tuple");
    let n = repeat_count(n)?;
    if n == 1 && is_exact(v) {
        return Ok(v.clone());
    }
    let mut out = Vec::with_capacity(repeat_size(t.len(), n)?);
    for _ in 0..n {
        out.extend(t.iter().cloned());
    }
    Ok(new_tuple(out))
}

fn m_mul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__mul__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__mul__", 1, true)?;
    repeat(&a[0], &a[1])
}

fn m_rmul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    recv(args, "__rmul__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__rmul__", 1, true)?;
    repeat(&a[0], &a[1])
}

fn cmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    let t = recv(args, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    match a[1].as_tuple() {
        Some(u) => seq_richcmp(t, u, op),
        None => Ok(not_implemented()),
    }
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
    recv(args, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    repr(&args[0]).map(Value::from)
}

fn m_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = recv(args, "__hash__", Recv::Slot)?;
    slot_args(args, kwargs, "__hash__", 0, false)?;
    ops::hash::hash_tuple(t).map(Value::Int)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("index", m_index),
    ("count", m_count),
    ("__len__", m_len),
    ("__getitem__", m_getitem),
    ("__contains__", m_contains),
    ("__iter__", m_iter),
    ("__add__", m_add),
    ("__mul__", m_mul),
    ("__rmul__", m_rmul),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
    ("__repr__", m_repr),
    ("__hash__", m_hash),
];

pub fn register() {
    add_methods(&types().tuple, METHODS);
}
