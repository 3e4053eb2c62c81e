//! `slice`: start/stop/step triples and CPython's index arithmetic for them (`PySlice_Unpack`,
//! `PySlice_AdjustIndices`, and `slice.indices` with big ints), plus slice comparison and hashing (slices are
//! hashable since 3.12).

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::builtins::function::NativeFn;
use crate::builtins::list::{not_implemented, receiver, Recv};
use crate::builtins::{add_methods, int, tuple, types};
use crate::error::{type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::Value;

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    Value::Obj(ObjRef::new(&types().slice, Payload::Slice(SliceObj { start, stop, step })))
}

const BAD_INDEX: &str = "slice indices must be integers or None or have an __index__ method";

/// CPython's `_PyEval_SliceIndex`: an index clamped to the i64 range; `None` for `None`.
fn slice_index(v: &Value) -> PyResult<Option<i64>> {
    if let Value::None = v {
        return Ok(None);
    }
    Ok(Some(index_clamped(v, BAD_INDEX)?))
}

/// An `__index__` value clamped to the i64 range (`PyNumber_AsSsize_t(v, NULL)`), with `msg` as the TypeError
/// for values that have no `__index__`.
pub fn index_clamped(v: &Value, msg: &str) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let has_index = int::is_int(v) || crate::builtins::type_::lookup(v.ty(), "__index__").is_some();
    if !has_index {
        return Err(type_error(msg));
    }
    let i = ops::number::index(v)?;
    Ok(int::as_i64(&i).unwrap_or(if ops::compare::is_negative(&i) { i64::MIN } else { i64::MAX }))
}

/// CPython's `PySlice_AdjustIndices`: clamps unpacked bounds to a sequence of `len` items; returns
/// `(start, stop, slicelength)`.
pub fn adjust_indices(len: i64, mut start: i64, mut stop: i64, step: i64) -> (i64, i64, i64) {
    if start < 0 {
        start = start.saturating_add(len);
        if start < 0 {
            start = if step < 0 { -1 } else { 0 };
        }
    } else if start >= len {
        start = if step < 0 { len - 1 } else { len };
    }
    if stop < 0 {
        stop = stop.saturating_add(len);
        if stop < 0 {
            stop = if step < 0 { -1 } else { 0 };
        }
    } else if stop >= len {
        stop = if step < 0 { len - 1 } else { len };
    }
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    (start, stop, n)
}

impl SliceObj {
    /// CPython's `PySlice_Unpack`: `(start, stop, step)` with `None` replaced by extreme values. Runs
    /// `__index__` of the bounds, so callers do it before locking the sequence.
    pub fn unpack(&self) -> PyResult<(i64, i64, i64)> {
        let step = match slice_index(&self.step)? {
            None => 1,
            Some(0) => return Err(value_error("slice step cannot be zero")),
            // -i64::MAX, so that `-step` cannot overflow.
            Some(s) => s.max(-i64::MAX),
        };
        let start = slice_index(&self.start)?.unwrap_or(if step < 0 { i64::MAX } else { 0 });
        let stop = slice_index(&self.stop)?.unwrap_or(if step < 0 { i64::MIN } else { i64::MAX });
        Ok((start, stop, step))
    }

    /// `PySlice_Unpack` + `PySlice_AdjustIndices`: `(start, stop, step, length)` for a sequence of length `len`.
    pub fn indices(&self, len: i64) -> PyResult<(i64, i64, i64, i64)> {
        let (start, stop, step) = self.unpack()?;
        let (start, stop, n) = adjust_indices(len, start, stop, step);
        Ok((start, stop, step, n))
    }
}

fn big_index(v: &Value) -> PyResult<BigInt> {
    if let Value::Int(i) = v {
        return Ok(BigInt::from(*i));
    }
    if !int::is_int(v) && crate::builtins::type_::lookup(v.ty(), "__index__").is_none() {
        return Err(type_error(BAD_INDEX));
    }
    Ok(int::to_bigint(&ops::number::index(v)?).unwrap_or_default())
}

/// `slice.indices(length)` (CPython's `_PySlice_GetLongIndices`), exact for any int sizes.
pub fn long_indices(s: &SliceObj, length: &Value) -> PyResult<(BigInt, BigInt, BigInt)> {
    let length = int::to_bigint(&ops::number::index(length)?).unwrap_or_default();
    if length.is_negative() {
        return Err(value_error("length should not be negative"));
    }
    let step = match &s.step {
        Value::None => BigInt::from(1),
        v => big_index(v)?,
    };
    if step.is_zero() {
        return Err(value_error("slice step cannot be zero"));
    }
    let neg = step.is_negative();
    let (lower, upper) = if neg { (BigInt::from(-1), &length - 1) } else { (BigInt::zero(), length.clone()) };
    let clamp = |v: &Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let mut x = big_index(v)?;
        if x.is_negative() {
            x += &length;
            if x < lower {
                x = lower.clone();
            }
        } else if x > upper {
            x = upper.clone();
        }
        Ok(x)
    };
    let start = clamp(&s.start, if neg { &upper } else { &lower })?;
    let stop = clamp(&s.stop, if neg { &lower } else { &upper })?;
    Ok((start, stop, step))
}

fn slice_of(v: &Value) -> Option<&SliceObj> {
    match v.payload() {
        Some(Payload::Slice(s)) => Some(s),
        _ => None,
    }
}

fn as_tuple(s: &SliceObj) -> Value {
    tuple::new_tuple_array([s.start.clone(), s.stop.clone(), s.step.clone()])
}

/// Slice comparison: as the tuples `(start, stop, step)`; `None` (NotImplemented) for a non-slice.
pub fn richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (slice_of(a), slice_of(b)) else {
        return Ok(None);
    };
    if a.is(b) && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Some(Value::Bool(op == CmpOp::Eq)));
    }
    ops::compare::richcmp(&as_tuple(x), &as_tuple(y), op).map(Some)
}

/// `hash(slice)`: CPython 3.12's xxHash-based mix of the three fields (the tuple hash without the length).
pub fn slice_hash(s: &SliceObj) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for it in [&s.start, &s.stop, &s.step] {
        let lane = ops::hash::hash(it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// `repr(slice)`.
pub fn repr(s: &SliceObj) -> PyResult<String> {
    Ok(format!(
        "slice({}, {}, {})",
        ops::format::repr(&s.start)?,
        ops::format::repr(&s.stop)?,
        ops::format::repr(&s.step)?
    ))
}

fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a SliceObj> {
    let v = receiver(args, &types().slice, name, kind)?;
    Ok(slice_of(v).expect("slice receiver"))
}

fn m_indices(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv(args, "indices", Recv::Method)?;
    let a = Args::new("slice.indices", args, kwargs).exact(2)?;
    let (start, stop, step) = long_indices(s, &a[1])?;
    Ok(tuple::new_tuple_array([int::from_bigint(start), int::from_bigint(stop), int::from_bigint(step)]))
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv(args, "__repr__", Recv::Slot)?;
    Args::new("__repr__", args, kwargs).exact(1)?;
    repr(s).map(Value::from)
}

fn m_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv(args, "__hash__", Recv::Slot)?;
    Args::new("__hash__", args, kwargs).exact(1)?;
    slice_hash(s).map(Value::Int)
}

fn cmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    recv(args, &name, Recv::Slot)?;
    let a = Args::new(&name, args, kwargs).exact(2)?;
    Ok(richcmp(&a[0], &a[1], op)?.unwrap_or_else(not_implemented))
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

const METHODS: &[(&str, NativeFn)] = &[
    ("indices", m_indices),
    ("__repr__", m_repr),
    ("__hash__", m_hash),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
];

pub fn register() {
    add_methods(&types().slice, METHODS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sl(a: Value, b: Value, c: Value) -> SliceObj {
        SliceObj { start: a, stop: b, step: c }
    }

    #[test]
    fn hash_matches_cpython() {
        // hash(slice(1, 2, 3)) in CPython 3.12.1.
        assert_eq!(slice_hash(&sl(Value::Int(1), Value::Int(2), Value::Int(3))).unwrap(), -2340833382717974474);
    }

    #[test]
    fn indices_clamp_like_cpython() {
        let s = sl(Value::None, Value::None, Value::Int(-1));
        assert_eq!(s.indices(5).unwrap(), (4, -1, -1, 5));
        let s = sl(Value::Int(-100), Value::Int(100), Value::Int(2));
        assert_eq!(s.indices(5).unwrap(), (0, 5, 2, 3));
        let (a, b, c) = long_indices(&sl(Value::Int(-100), Value::None, Value::Int(-3)), &Value::Int(10)).unwrap();
        assert_eq!((a, b, c), (BigInt::from(-1), BigInt::from(-1), BigInt::from(-3)));
    }
}
