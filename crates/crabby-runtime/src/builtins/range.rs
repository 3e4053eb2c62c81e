//! `range`: lazy arithmetic sequences, with big-int bounds where needed.
//!
//! A range whose bounds and length fit in an i64 keeps them in the `start`/`stop`/`step` fields and is iterated
//! with plain i64 arithmetic. Any other range (`range(10**20)`) also carries its exact bounds and length as big
//! ints in `big`; then the i64 fields describe an empty range, so code that only knows them stays harmless, and
//! every operation here goes through the big values. Attributes `start`/`stop`/`step` are properties that read
//! the exact values.

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use parking_lot::Mutex;

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::{new_iter, NativeIter, RangeIter};
use crate::builtins::list::{not_implemented, receiver, slot_args, Recv};
use crate::builtins::slice::long_indices;
use crate::builtins::{add_methods, dict, int, type_, types};
use crate::error::{index_error, overflow_error, type_error, value_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::Value;

/// Exact bounds of a range that does not fit in i64 arithmetic.
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    pub len: BigInt,
}

pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    /// The exact bounds when they (or the length) do not fit in an i64.
    pub big: Option<Box<BigRange>>,
}

/// CPython's `compute_range_length` for any bounds (`step` is non-zero).
fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, step) = if step.is_positive() { (start, stop, step.clone()) } else { (stop, start, -step) };
    if lo >= hi {
        return BigInt::zero();
    }
    (hi - lo - 1u32) / step + 1u32
}

impl RangeObj {
    /// A range from exact bounds; `step` must be non-zero.
    pub fn from_big(start: BigInt, stop: BigInt, step: BigInt) -> RangeObj {
        let len = big_len(&start, &stop, &step);
        if let (Some(a), Some(b), Some(c), Some(_)) = (start.to_i64(), stop.to_i64(), step.to_i64(), len.to_i64()) {
            return RangeObj { start: a, stop: b, step: c, big: None };
        }
        RangeObj { start: 0, stop: 0, step: 1, big: Some(Box::new(BigRange { start, stop, step, len })) }
    }

    /// A range from i64 bounds; `step` must be non-zero.
    pub fn from_i64(start: i64, stop: i64, step: i64) -> RangeObj {
        let r = RangeObj { start, stop, step, big: None };
        if r.len_i128() > i64::MAX as i128 {
            return RangeObj::from_big(start.into(), stop.into(), step.into());
        }
        r
    }

    fn len_i128(&self) -> i128 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        }
    }

    /// The length, saturated to i64 (enough for truth tests and size hints); see [`RangeObj::len_checked`].
    pub fn len(&self) -> i64 {
        match &self.big {
            Some(b) => b.len.to_i64().unwrap_or(i64::MAX),
            None => self.len_i128() as i64,
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.big {
            Some(b) => b.len.is_zero(),
            None => self.len_i128() == 0,
        }
    }

    /// `len(r)`, with CPython's OverflowError for lengths beyond `sys.maxsize`.
    pub fn len_checked(&self) -> PyResult<usize> {
        match &self.big {
            Some(b) => b.len.to_i64().map(|n| n as usize).ok_or_else(too_large),
            None => Ok(self.len_i128() as usize),
        }
    }

    /// The exact length.
    pub fn len_big(&self) -> BigInt {
        match &self.big {
            Some(b) => b.len.clone(),
            None => BigInt::from(self.len_i128()),
        }
    }

    /// The exact `(start, stop, step)`.
    pub fn bounds(&self) -> (BigInt, BigInt, BigInt) {
        match &self.big {
            Some(b) => (b.start.clone(), b.stop.clone(), b.step.clone()),
            None => (self.start.into(), self.stop.into(), self.step.into()),
        }
    }

    /// The item at a non-negative index known to be in range (i64 ranges only).
    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }

    /// The item at an index known to be in range.
    fn item_big(&self, i: &BigInt) -> Value {
        match &self.big {
            None => Value::Int(self.item(i.to_i64().expect("index in range"))),
            Some(b) => int::from_bigint(&b.start + i * &b.step),
        }
    }

    /// `int(x) in r` for an int (`range_contains_long`).
    fn contains_int(&self, x: &Value) -> bool {
        if let (None, Some(i)) = (&self.big, int::as_i64(x)) {
            let (i, start, stop, step) = (i as i128, self.start as i128, self.stop as i128, self.step as i128);
            let inside = if step > 0 { start <= i && i < stop } else { stop < i && i <= start };
            return inside && (i - start) % step == 0;
        }
        let Some(i) = int::to_bigint(x) else {
            return false;
        };
        let (start, stop, step) = self.bounds();
        let inside = if step.is_positive() { start <= i && i < stop } else { stop < i && i <= start };
        inside && ((&i - &start) % &step).is_zero()
    }
}

fn too_large() -> crate::error::PyErr {
    overflow_error("Python int too large to convert to C ssize_t")
}

pub fn new_range(start: i64, stop: i64, step: i64) -> Value {
    Value::Obj(ObjRef::new(&types().range, Payload::Range(RangeObj::from_i64(start, stop, step))))
}

fn new_range_obj(r: RangeObj) -> Value {
    Value::Obj(ObjRef::new(&types().range, Payload::Range(r)))
}

/// `range(stop)`, `range(start, stop[, step])`: CPython's `range_new`, any int sizes.
pub fn construct(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("range() takes no keyword arguments"));
    }
    let idx = |v: &Value| -> PyResult<BigInt> { Ok(int::to_bigint(&ops::number::index(v)?).unwrap_or_default()) };
    let (start, stop, step) = match args.len() {
        0 => return Err(type_error("range expected at least 1 argument, got 0")),
        1 => (BigInt::zero(), idx(&args[0])?, BigInt::one()),
        2 => (idx(&args[0])?, idx(&args[1])?, BigInt::one()),
        3 => {
            let (a, b, c) = (idx(&args[0])?, idx(&args[1])?, idx(&args[2])?);
            if c.is_zero() {
                return Err(value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
        n => return Err(type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    Ok(new_range_obj(RangeObj::from_big(start, stop, step)))
}

/// Iterates a range whose bounds do not fit in i64 (`longrange_iterator`).
pub struct LongRangeIter {
    /// `(next value, items left)`.
    state: Mutex<(BigInt, BigInt)>,
    step: BigInt,
}

impl NativeIter for LongRangeIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut g = self.state.lock();
        if !g.1.is_positive() {
            return Ok(None);
        }
        let cur = g.0.clone();
        g.0 += &self.step;
        g.1 -= 1u32;
        Ok(Some(int::from_bigint(cur)))
    }
    fn length_hint(&self) -> Option<usize> {
        // No hint for counts nobody could allocate: callers reserve room from hints.
        self.state.lock().1.to_usize().filter(|n| *n <= 1 << 32)
    }
}

/// `iter(r)`.
pub fn iter(r: &RangeObj) -> Value {
    match &r.big {
        None => new_iter("range_iterator", Box::new(RangeIter { next: Mutex::new((r.start, r.len())), step: r.step })),
        Some(b) => new_iter(
            "longrange_iterator",
            Box::new(LongRangeIter { state: Mutex::new((b.start.clone(), b.len.clone())), step: b.step.clone() }),
        ),
    }
}

/// `reversed(r)`: from the last item back (`range_reverse`).
pub fn reversed(r: &RangeObj) -> Value {
    match &r.big {
        None => {
            let n = r.len();
            let last = if n == 0 { r.start } else { r.start.wrapping_add((n - 1).wrapping_mul(r.step)) };
            new_iter("range_iterator", Box::new(RangeIter { next: Mutex::new((last, n)), step: r.step.wrapping_neg() }))
        }
        Some(b) => {
            let last = &b.start + (&b.len - 1u32) * &b.step;
            new_iter(
                "longrange_iterator",
                Box::new(LongRangeIter { state: Mutex::new((last, b.len.clone())), step: -&b.step }),
            )
        }
    }
}

/// `x in r`: arithmetic for ints and bools; any other value is compared with each item, as CPython does.
pub fn contains(r: &RangeObj, x: &Value) -> PyResult<bool> {
    if is_exact_int(x) {
        return Ok(r.contains_int(x));
    }
    let it = iter(r);
    while let Some(v) = ops::iter::next(&it)? {
        if ops::compare::eq_bool(&v, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// An exact int or a bool (`PyLong_CheckExact(ob) || PyBool_Check(ob)`).
fn is_exact_int(x: &Value) -> bool {
    match x {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => matches!(o.payload, Payload::Int(_)) && o.ty().ptr_eq(&types().int),
        _ => false,
    }
}

/// `r.count(x)`.
pub fn count(r: &RangeObj, x: &Value) -> PyResult<Value> {
    if is_exact_int(x) {
        return Ok(Value::Int(r.contains_int(x) as i64));
    }
    let it = iter(r);
    let mut n = 0i64;
    while let Some(v) = ops::iter::next(&it)? {
        if ops::compare::eq_bool(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `r.index(x)`.
pub fn index(r: &RangeObj, x: &Value) -> PyResult<Value> {
    if is_exact_int(x) {
        if !r.contains_int(x) {
            return Err(value_error(format!("{} is not in range", ops::format::repr(x)?)));
        }
        let (start, _, step) = r.bounds();
        let i = int::to_bigint(x).unwrap_or_default();
        return Ok(int::from_bigint((i - start) / step));
    }
    let it = iter(r);
    let mut i = 0i64;
    while let Some(v) = ops::iter::next(&it)? {
        if ops::compare::eq_bool(&v, x)? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(value_error("sequence.index(x): x not in sequence"))
}

/// `r[key]`: an item, or a new range for a slice (`compute_slice`).
pub fn getitem(r: &RangeObj, key: &Value) -> PyResult<Value> {
    if let Some(Payload::Slice(s)) = key.payload() {
        let (start, _, step) = r.bounds();
        let (i, j, k) = long_indices(s, &int::from_bigint(r.len_big()))?;
        return Ok(new_range_obj(RangeObj::from_big(&start + &i * &step, &start + &j * &step, step * k)));
    }
    let i = match ops::number::index(key) {
        Ok(i) => i,
        Err(e) if e.matches(crate::builtins::exceptions::ExcKind::TypeError) => {
            return Err(type_error(format!("range indices must be integers or slices, not {}", key.type_name())))
        }
        Err(e) => return Err(e),
    };
    if r.big.is_none() {
        if let Some(i) = int::as_i64(&i) {
            let n = r.len();
            // `i + n` cannot overflow for a negative `i` and a non-negative `n`.
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                return Ok(Value::Int(r.item(j)));
            }
            return Err(index_error("range object index out of range"));
        }
    }
    let n = r.len_big();
    let mut i = int::to_bigint(&i).unwrap_or_default();
    if i.is_negative() {
        i += &n;
    }
    if i.is_negative() || i >= n {
        return Err(index_error("range object index out of range"));
    }
    Ok(r.item_big(&i))
}

/// `range_equals`: same sequence of items.
pub fn equals(a: &RangeObj, b: &RangeObj) -> bool {
    let (la, lb) = (a.len_big(), b.len_big());
    if la != lb {
        return false;
    }
    if la.is_zero() {
        return true;
    }
    let (sa, _, pa) = a.bounds();
    let (sb, _, pb) = b.bounds();
    if sa != sb {
        return false;
    }
    la.is_one() || pa == pb
}

/// `hash(r)`: the hash of `(len, start, step)` with `start`/`step` replaced by None as CPython does for empty
/// and one-item ranges.
pub fn hash(r: &RangeObj) -> PyResult<i64> {
    let (start, _, step) = r.bounds();
    let n = r.len_big();
    let items = if n.is_zero() {
        vec![Value::Int(0), Value::None, Value::None]
    } else if n.is_one() {
        vec![Value::Int(1), int::from_bigint(start), Value::None]
    } else {
        vec![int::from_bigint(n), int::from_bigint(start), int::from_bigint(step)]
    };
    ops::hash::hash_tuple(&items)
}

/// `repr(r)`.
pub fn repr(r: &RangeObj) -> String {
    let (start, stop, step) = r.bounds();
    if step.is_one() {
        format!("range({start}, {stop})")
    } else {
        format!("range({start}, {stop}, {step})")
    }
}

/// Range comparison: only `==`/`!=` are defined; `None` (NotImplemented) otherwise.
pub fn richcmp(a: &RangeObj, b: &Value, op: CmpOp) -> Option<bool> {
    let Some(Payload::Range(b)) = b.payload() else {
        return None;
    };
    match op {
        CmpOp::Eq => Some(equals(a, b)),
        CmpOp::Ne => Some(!equals(a, b)),
        _ => None,
    }
}

fn range_of(v: &Value) -> &RangeObj {
    match v.payload() {
        Some(Payload::Range(r)) => r,
        _ => unreachable!("receiver checked to be a range"),
    }
}

fn recv<'a>(args: &'a [Value], name: &str, kind: Recv) -> PyResult<&'a RangeObj> {
    Ok(range_of(receiver(args, &types().range, name, kind)?))
}

fn m_index(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "index", Recv::Method)?;
    let a = Args::new("range.index", args, kwargs).exact(2)?;
    index(r, &a[1])
}

fn m_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "count", Recv::Method)?;
    let a = Args::new("range.count", args, kwargs).exact(2)?;
    count(r, &a[1])
}

fn m_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__len__", Recv::Slot)?;
    slot_args(args, kwargs, "__len__", 0, false)?;
    Ok(Value::Int(r.len_checked()? as i64))
}

fn m_bool(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__bool__", Recv::Slot)?;
    slot_args(args, kwargs, "__bool__", 0, false)?;
    Ok(Value::Bool(!r.is_empty()))
}

fn m_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__getitem__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__getitem__", 1, false)?;
    getitem(r, &a[1])
}

fn m_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__contains__", Recv::Slot)?;
    let a = slot_args(args, kwargs, "__contains__", 1, false)?;
    contains(r, &a[1]).map(Value::Bool)
}

fn m_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__iter__", Recv::Slot)?;
    slot_args(args, kwargs, "__iter__", 0, false)?;
    Ok(iter(r))
}

fn m_reversed(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__reversed__", Recv::Method)?;
    Args::new("range.__reversed__", args, kwargs).exact(1)?;
    Ok(reversed(r))
}

fn m_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__repr__", Recv::Slot)?;
    slot_args(args, kwargs, "__repr__", 0, false)?;
    Ok(Value::from(repr(r)))
}

fn m_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let r = recv(args, "__hash__", Recv::Slot)?;
    slot_args(args, kwargs, "__hash__", 0, false)?;
    hash(r).map(Value::Int)
}

fn cmp(args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let name = format!("__{}__", format!("{op:?}").to_lowercase());
    let r = recv(args, &name, Recv::Slot)?;
    let a = slot_args(args, kwargs, &name, 1, false)?;
    Ok(richcmp(r, &a[1], op).map_or_else(not_implemented, Value::Bool))
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

fn field(args: &[Value], which: usize) -> PyResult<Value> {
    let r = recv(args, ["start", "stop", "step"][which], Recv::Slot)?;
    let (a, b, c) = r.bounds();
    Ok(int::from_bigint([a, b, c].into_iter().nth(which).expect("field")))
}

fn p_start(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    field(args, 0)
}
fn p_stop(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    field(args, 1)
}
fn p_step(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    field(args, 2)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("index", m_index),
    ("count", m_count),
    ("__len__", m_len),
    ("__bool__", m_bool),
    ("__getitem__", m_getitem),
    ("__contains__", m_contains),
    ("__iter__", m_iter),
    ("__reversed__", m_reversed),
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
    let t = types();
    add_methods(&t.range, METHODS);
    let ns = &type_::type_obj(&t.range).dict;
    for (name, f) in [("start", p_start as NativeFn), ("stop", p_stop), ("step", p_step)] {
        let prop = DescriptorObj::Property {
            fget: new_builtin(name, f, None),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        };
        dict::set_str(ns, name, Value::Obj(ObjRef::new(&t.property, Payload::Descriptor(prop)).make_immortal()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn big_ranges() {
        let r = RangeObj::from_big(BigInt::zero(), big("100000000000000000000"), BigInt::one());
        assert!(r.big.is_some());
        assert!(r.len_checked().is_err());
        assert_eq!(repr(&r), "range(0, 100000000000000000000)");
        let last = getitem(&r, &Value::Int(-1)).unwrap();
        assert_eq!(int::to_bigint(&last).unwrap(), big("99999999999999999999"));
        assert!(r.contains_int(&int::from_bigint(big("12345678901234567890"))));
        // hash(range(10**20)) in CPython 3.12.1.
        assert_eq!(hash(&r).unwrap(), 6178378689728963704);
        let s = RangeObj::from_big(BigInt::zero(), big("100000000000000000000"), BigInt::from(3));
        let sl = crate::builtins::slice::SliceObj {
            start: int::from_bigint(big("1000000000000000000")),
            stop: Value::None,
            step: Value::None,
        };
        let v = getitem(&s, &Value::Obj(ObjRef::new(&types().slice, Payload::Slice(sl)))).unwrap();
        let Some(Payload::Range(sub)) = v.payload() else { panic!("range") };
        assert_eq!(repr(sub), "range(3000000000000000000, 100000000000000000002, 3)");
    }

    #[test]
    fn small_ranges() {
        let r = RangeObj::from_i64(1, 10, 3);
        assert_eq!(r.len(), 3);
        assert!(equals(&r, &RangeObj::from_i64(1, 8, 3)));
        assert!(equals(&RangeObj::from_i64(1, 2, 5), &RangeObj::from_i64(1, 3, 7)));
        assert!(!r.contains_int(&Value::Int(5)));
        assert!(r.contains_int(&Value::Int(7)));
        assert_eq!(hash(&RangeObj::from_i64(0, 0, 1)).unwrap(), hash(&RangeObj::from_i64(5, 5, 3)).unwrap());
        // range(i64::MIN, i64::MAX) has a length beyond i64.
        assert!(RangeObj::from_i64(i64::MIN, i64::MAX, 1).big.is_some());
    }
}
