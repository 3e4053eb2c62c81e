//! Rich comparison (`==`, `<`, ...), `in`, and the fast equality used by dict and set probes.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::builtins::{dict, int, set, type_};
use crate::error::{type_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
    fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    fn holds(self, o: Ordering) -> bool {
        match self {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        }
    }
}

/// Whether a value is a negative int.
pub fn is_negative(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i < 0,
        _ => int::to_bigint(v).is_some_and(|b| b.is_negative()),
    }
}

/// Exact comparison of an integer with a float, as CPython does (no rounding of big ints).
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    match i.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Compares two numbers (int, bool, float); `None` for NaN or non-numbers.
fn num_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(Some(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(x.partial_cmp(y)),
        _ => {
            let af = matches!(a, Value::Float(_)) || matches!(a.payload(), Some(Payload::Float(_)));
            let bf = matches!(b, Value::Float(_)) || matches!(b.payload(), Some(Payload::Float(_)));
            let ai = int::is_int(a);
            let bi = int::is_int(b);
            if ai && bi {
                if let (Some(x), Some(y)) = (int::as_i64(a), int::as_i64(b)) {
                    return Some(Some(x.cmp(&y)));
                }
                return Some(Some(int::big_cow(a)?.cmp(&int::big_cow(b)?)));
            }
            let fa = crate::builtins::float::as_f64(a);
            let fb = crate::builtins::float::as_f64(b);
            if af && bf {
                return Some(fa?.partial_cmp(&fb?));
            }
            if ai && bf {
                return Some(cmp_int_float(&int::to_bigint(a)?, fb?));
            }
            if af && bi {
                return Some(cmp_int_float(&int::to_bigint(b)?, fa?).map(Ordering::reverse));
            }
            None
        }
    }
}

/// Equality that needs no Python code: `Some(answer)` for built-in keys (numbers, str, bytes, None, tuples of
/// those), `None` when `__eq__` must run.
#[inline]
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    // Two exact strs (dict and set keys, most often) compare their text without the number and type tests
    // below; their hashes, when cached, settle most inequalities first.
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        if let (Payload::Str(p), Payload::Str(q)) = (&x.payload, &y.payload) {
            let st = &crate::builtins::types().str;
            if x.ty().ptr_eq(st) && y.ty().ptr_eq(st) {
                return Some(p.eq_text(q));
            }
        } else if let (Payload::Tuple(p), Payload::Tuple(q)) = (&x.payload, &y.payload) {
            // Two exact tuples (composite keys): item by item, each item through this same test.
            let tt = &crate::builtins::types().tuple;
            if x.ty().ptr_eq(tt) && y.ty().ptr_eq(tt) {
                if p.len() != q.len() {
                    return Some(false);
                }
                for (u, v) in p.iter().zip(q.iter()) {
                    if !fast_eq(u, v)? {
                        return Some(false);
                    }
                }
                return Some(true);
            }
        }
    }
    fast_eq_slow(a, b)
}

fn fast_eq_slow(a: &Value, b: &Value) -> Option<bool> {
    if matches!(a.payload(), Some(Payload::Native(_))) || matches!(b.payload(), Some(Payload::Native(_))) {
        return None;
    }
    if let Some(o) = num_cmp(a, b) {
        if type_::type_obj(a.ty()).heap || type_::type_obj(b.ty()).heap {
            return None;
        }
        return Some(o == Some(Ordering::Equal));
    }
    match (a, b) {
        (Value::None, _) | (_, Value::None) => Some(false),
        (Value::Obj(x), Value::Obj(y)) => {
            if type_::type_obj(x.ty()).heap || type_::type_obj(y.ty()).heap {
                return None;
            }
            match (&x.payload, &y.payload) {
                (Payload::Str(p), Payload::Str(q)) => Some(p.as_str() == q.as_str()),
                (Payload::Bytes(p), Payload::Bytes(q)) => Some(p == q),
                (Payload::Tuple(p), Payload::Tuple(q)) => {
                    if p.len() != q.len() {
                        return Some(false);
                    }
                    for (u, v) in p.iter().zip(q.iter()) {
                        if !fast_eq(u, v)? {
                            return Some(false);
                        }
                    }
                    Some(true)
                }
                (Payload::Str(_), _) | (_, Payload::Str(_)) => {
                    if matches!(x.payload, Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_))
                        && matches!(y.payload, Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_))
                    {
                        Some(false)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        (Value::Obj(x), _) | (_, Value::Obj(x)) => {
            if type_::type_obj(x.ty()).heap {
                None
            } else if matches!(x.payload, Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_)) {
                Some(false)
            } else {
                None
            }
        }
        _ => Some(false),
    }
}

/// `a == b` as a Rust bool.
pub fn eq_bool(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = fast_eq(a, b) {
        return Ok(r);
    }
    let r = richcmp(a, b, CmpOp::Eq)?;
    ops::truthy(&r)
}

/// The order of two inline ints or two floats that are not NaN; `None` for anything else.
#[inline(always)]
fn inline_num_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => None,
    }
}

/// Compares sequences item by item, as CPython's list and tuple comparisons do.
fn seq_cmp(a: &[Value], b: &[Value], op: CmpOp) -> PyResult<bool> {
    let n = a.len().min(b.len());
    for i in 0..n {
        // Two inline ints or two floats (not NaN, which the general path handles) decide at once: their
        // equality and their order are the numbers' own.
        if let Some(o) = inline_num_order(&a[i], &b[i]) {
            if o == Ordering::Equal {
                continue;
            }
            return Ok(match op {
                CmpOp::Eq => false,
                CmpOp::Ne => true,
                _ => op.holds(o),
            });
        }
        if !eq_bool(&a[i], &b[i])? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::Ne => Ok(true),
                _ => ops::truthy(&richcmp(&a[i], &b[i], op)?),
            };
        }
    }
    Ok(op.holds(a.len().cmp(&b.len())))
}

/// The comparison of built-in types, or `None` (NotImplemented) when they do not compare.
fn builtin_cmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    // Two strs first: `c == "_"` in a scanning loop otherwise passed the number, native-instance, complex and
    // dict-view tests below (a sixth of a tokenizer's time).
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        if let (Payload::Str(p), Payload::Str(q)) = (&x.payload, &y.payload) {
            // Text only: a subclass may cache its own `__hash__`, so `eq_text`'s hash test is for exact strs.
            return Ok(Some(match op {
                CmpOp::Eq => p.as_str() == q.as_str(),
                CmpOp::Ne => p.as_str() != q.as_str(),
                _ => op.holds(p.as_str().cmp(q.as_str())),
            }));
        }
        // Two tuples (sort keys, composite comparisons) before the number and special-type tests.
        if let (Payload::Tuple(p), Payload::Tuple(q)) = (&x.payload, &y.payload) {
            return Ok(Some(seq_cmp(p, q, op)?));
        }
    }
    if let Some(o) = num_cmp(a, b) {
        return Ok(Some(match o {
            Some(o) => op.holds(o),
            None => op == CmpOp::Ne,
        }));
    }
    if let Some(r) = native_cmp(a, b, op)? {
        return Ok(Some(r));
    }
    if let Some(r) = crate::builtins::complex::complex_richcmp(a, b, op)? {
        return Ok(Some(r));
    }
    if let Some(r) = crate::builtins::dict_views::hook_richcmp(a, b, op)? {
        return Ok(Some(r));
    }
    let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
        return Ok(None);
    };
    Ok(match (&x.payload, &y.payload) {
        (Payload::Bytes(p), Payload::Bytes(q)) => Some(op.holds(p.cmp(q))),
        (Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_), _)
        | (_, Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)) => {
            crate::builtins::bytes::richcmp(a, b, op)?
        }
        (Payload::Tuple(p), Payload::Tuple(q)) => Some(seq_cmp(p, q, op)?),
        (Payload::List(p), Payload::List(q)) => {
            // Snapshots: the comparison may run Python code that mutates the lists.
            let p = p.read().clone();
            let q = q.read().clone();
            Some(seq_cmp(&p, &q, op)?)
        }
        (Payload::Dict(_), Payload::Dict(_)) => match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = dict_eq(x, y)?;
                Some(if op == CmpOp::Eq { eq } else { !eq })
            }
            _ => None,
        },
        (Payload::Set(_), Payload::Set(_)) => {
            let (la, lb) = (set::len(x), set::len(y));
            let sub = |s: &crate::object::ObjRef, t: &crate::object::ObjRef| -> PyResult<bool> {
                for k in set::keys(s) {
                    if !set::contains(t, &k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            Some(match op {
                CmpOp::Eq => la == lb && sub(x, y)?,
                CmpOp::Ne => !(la == lb && sub(x, y)?),
                CmpOp::Le => la <= lb && sub(x, y)?,
                CmpOp::Lt => la < lb && sub(x, y)?,
                CmpOp::Ge => la >= lb && sub(y, x)?,
                CmpOp::Gt => la > lb && sub(y, x)?,
            })
        }
        (Payload::Range(p), Payload::Range(_)) => crate::builtins::range::richcmp(p, b, op),
        (Payload::Slice(_), Payload::Slice(_)) => match crate::builtins::slice::richcmp(a, b, op)? {
            Some(v) => Some(ops::truthy(&v)?),
            None => None,
        },
        // Bound methods are equal when bound to the same object and their functions are equal.
        (Payload::BoundMethod(p), Payload::BoundMethod(q)) => match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = p.this.is(&q.this) && eq_bool(&p.func, &q.func)?;
                Some(if op == CmpOp::Eq { eq } else { !eq })
            }
            _ => None,
        },
        (Payload::BuiltinFunction(p), Payload::BuiltinFunction(q))
            if p.bound_self.is_some() && q.bound_self.is_some() =>
        {
            match op {
                CmpOp::Eq | CmpOp::Ne => {
                    let same_self = matches!((&p.bound_self, &q.bound_self), (Some(x), Some(y)) if x.is(y));
                    let eq = same_self && p.name == q.name && p.f as usize == q.f as usize;
                    Some(if op == CmpOp::Eq { eq } else { !eq })
                }
                _ => None,
            }
        }
        _ => None,
    })
}

fn dict_eq(x: &crate::object::ObjRef, y: &crate::object::ObjRef) -> PyResult<bool> {
    if dict::len(x) != dict::len(y) {
        return Ok(false);
    }
    for (k, v) in dict::items(x) {
        match dict::get(y, &k)? {
            Some(w) => {
                if !eq_bool(&v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// What `type(x)`'s rich comparison does for `x <op> y` when a user class is involved (CPython's
/// `slot_tp_richcompare` and `object_richcompare`): the class's Python method for `op`; else the built-in
/// comparison of a built-in base; else `object`'s defaults (`==` is identity, `!=` inverts `__eq__`).
/// `None` stands for NotImplemented.
fn slot_cmp(x: &Value, y: &Value, op: CmpOp) -> PyResult<Option<Value>> {
    let ty = x.ty();
    if type_::dispatches(ty) {
        // The comparison methods follow the binary operators' in the type's operator-method cache.
        if let Some(f) = type_::op_method(ty, type_::OP_BINARY_SLOTS + op as usize, op.dunder()) {
            let r = type_::call_special(&f, x, std::slice::from_ref(y), &[])?;
            return Ok(if r.is(&Value::Obj(crate::builtins::types().not_implemented.clone())) {
                None
            } else {
                Some(r)
            });
        }
    }
    if let Some(r) = native_instance_cmp(x, y, op)? {
        return Ok(Some(r));
    }
    if !matches!(x.payload(), Some(Payload::Instance(_)) | None)
        || matches!(x, Value::Int(_) | Value::Float(_) | Value::Bool(_))
    {
        if let Some(r) = builtin_cmp(x, y, op)? {
            return Ok(Some(Value::Bool(r)));
        }
    }
    match op {
        CmpOp::Eq => Ok(x.is(y).then_some(Value::Bool(true))),
        CmpOp::Ne => match slot_cmp(x, y, CmpOp::Eq)? {
            Some(r) => Ok(Some(Value::Bool(!ops::truthy(&r)?))),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Comparisons of native modules' objects go through their types' own comparison methods.
fn native_cmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    for (x, y, o) in [(a, b, op), (b, a, op.swapped())] {
        if let Some(Payload::Native(_)) = x.payload() {
            if let Some(f) = type_::lookup(x.ty(), o.dunder()) {
                let r = ops::call::call_with_self(&f, x, std::slice::from_ref(y), &[])?;
                if !r.is(&Value::Obj(crate::builtins::types().not_implemented.clone())) {
                    return Ok(Some(ops::truthy(&r)?));
                }
            }
        }
        if let Some(r) = native_instance_cmp(x, y, o)? {
            return Ok(Some(ops::truthy(&r)?));
        }
    }
    Ok(None)
}

/// The comparison method a native type with plain-object instances defines (`types.SimpleNamespace.__eq__`),
/// for `x <op> y`; `None` when there is none or it returns NotImplemented.
fn native_instance_cmp(x: &Value, y: &Value, op: CmpOp) -> PyResult<Option<Value>> {
    if !matches!(x.payload(), Some(Payload::Instance(_))) {
        return Ok(None);
    }
    let Some(f) = type_::lookup(x.ty(), op.dunder()) else { return Ok(None) };
    let native_owner = match f.payload() {
        Some(Payload::BuiltinFunction(b)) => b.owner.clone(),
        _ => None,
    };
    if native_owner.is_none_or(|o| o.ptr_eq(&crate::builtins::types().object)) {
        return Ok(None);
    }
    let r = ops::call::call_with_self(&f, x, std::slice::from_ref(y), &[])?;
    Ok((!r.is(&Value::Obj(crate::builtins::types().not_implemented.clone()))).then_some(r))
}

/// `a <op> b` with CPython's protocol: the reflected method of a right operand whose type is a subclass of the
/// left's goes first; then the left's method, then the right's reflection; `==`/`!=` fall back to identity.
pub fn richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if let Some(o) = inline_num_order(a, b) {
        return Ok(Value::Bool(op.holds(o)));
    }
    if !type_::dispatches(a.ty()) && !type_::dispatches(b.ty()) {
        if let Some(r) = builtin_cmp(a, b, op)? {
            return Ok(Value::Bool(r));
        }
    } else {
        let same = a.ty().ptr_eq(b.ty());
        let b_first = !same && type_::is_subtype(b.ty(), a.ty());
        if b_first {
            if let Some(r) = slot_cmp(b, a, op.swapped())? {
                return Ok(r);
            }
        }
        if let Some(r) = slot_cmp(a, b, op)? {
            return Ok(r);
        }
        // Unlike binary operators, comparisons try the reflection even between instances of one class.
        if !b_first {
            if let Some(r) = slot_cmp(b, a, op.swapped())? {
                return Ok(r);
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(a.is(b))),
        CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))),
    }
}

#[inline]
pub fn lt(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x < y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x < y)),
        _ => richcmp(a, b, CmpOp::Lt),
    }
}
#[inline]
pub fn le(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x <= y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x <= y)),
        _ => richcmp(a, b, CmpOp::Le),
    }
}
#[inline]
pub fn gt(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x > y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x > y)),
        _ => richcmp(a, b, CmpOp::Gt),
    }
}
#[inline]
pub fn ge(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x >= y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x >= y)),
        _ => richcmp(a, b, CmpOp::Ge),
    }
}
#[inline]
pub fn eq(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x == y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x == y)),
        _ => richcmp(a, b, CmpOp::Eq),
    }
}
#[inline]
pub fn ne(a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Bool(x != y)),
        (Value::Float(x), Value::Float(y)) => Ok(Value::Bool(x != y)),
        _ => richcmp(a, b, CmpOp::Ne),
    }
}

/// The condition tests below past their two-number cases. Those cases are forced inline (LLVM declined to
/// inline the tests into large generator bodies, leaving a call for `while i < n`), and this stays out of line
/// so that inlining them adds a few instructions per condition.
#[inline(never)]
fn test_general(a: &Value, b: &Value, op: CmpOp) -> PyResult<bool> {
    ops::truthy(&richcmp(a, b, op)?)
}

/// `lt_test(a, b)` is `bool(a < b)` for conditions, with no `bool` object in between; likewise the others.
macro_rules! cond_tests {
    ($($f:ident => $op:ident, $sym:tt;)*) => {$(
        #[doc = concat!("`bool(a ", stringify!($sym), " b)`, for conditions: no `bool` object in between.")]
        #[inline(always)]
        pub fn $f(a: &Value, b: &Value) -> PyResult<bool> {
            match (a, b) {
                (Value::Int(x), Value::Int(y)) => Ok(x $sym y),
                (Value::Float(x), Value::Float(y)) => Ok(x $sym y),
                _ => test_general(a, b, CmpOp::$op),
            }
        }
    )*};
}

cond_tests! {
    lt_test => Lt, <;
    le_test => Le, <=;
    gt_test => Gt, >;
    ge_test => Ge, >=;
    eq_test => Eq, ==;
    ne_test => Ne, !=;
}

/// `a is b`.
pub fn is(a: &Value, b: &Value) -> Value {
    Value::Bool(a.is(b))
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    if let Value::Obj(o) = container {
        if !type_::type_obj(o.ty()).heap {
            match &o.payload {
                Payload::Str(s) => {
                    let Some(sub) = item.as_str() else {
                        return Err(type_error(format!(
                            "'in <string>' requires string as left operand, not {}",
                            item.type_name()
                        )));
                    };
                    return Ok(memchr::memmem::find(s.as_str().as_bytes(), sub.as_bytes()).is_some());
                }
                Payload::Dict(_) => return Ok(dict::get(o, item)?.is_some()),
                Payload::Set(_) => return set::contains(o, item),
                Payload::List(l) => {
                    // CPython's list_contains: one item at a time, re-reading the length, so that no copy is made
                    // and no lock is held while `__eq__` runs; items that compare without Python code are
                    // compared under the read lock.
                    let mut i = 0;
                    loop {
                        let v = {
                            let g = l.read();
                            let mut found = None;
                            while i < g.len() {
                                match fast_eq(&g[i], item) {
                                    Some(true) => return Ok(true),
                                    Some(false) => i += 1,
                                    None => {
                                        found = Some(g[i].clone());
                                        break;
                                    }
                                }
                            }
                            match found {
                                Some(v) => v,
                                None => return Ok(false),
                            }
                        };
                        if eq_bool(&v, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                }
                Payload::Tuple(t) => {
                    for v in t.iter() {
                        if eq_bool(v, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Payload::Range(r) => return crate::builtins::range::contains(r, item),
                Payload::Cell(_) => {
                    if let Some((d, kind)) = crate::builtins::dict_views::view_of(container) {
                        return crate::builtins::dict_views::contains(&d, kind, item);
                    }
                }
                Payload::Bytes(b) => return crate::builtins::bytes::contains(b, item),
                Payload::ByteArray(b) => {
                    let data = b.read().clone();
                    return crate::builtins::bytes::contains(&data, item);
                }
                _ => {}
            }
        }
    }
    if let Some(f) = type_::lookup(container.ty(), "__contains__") {
        if f.is_none() {
            return Err(type_error(format!("'{}' object is not a container", container.type_name())));
        }
        let r = type_::call_special(&f, container, std::slice::from_ref(item), &[])?;
        return ops::truthy(&r);
    }
    let it = match ops::iter::iter(container) {
        Ok(it) => it,
        Err(_) => {
            return Err(type_error(format!("argument of type '{}' is not iterable", container.type_name())));
        }
    };
    while let Some(v) = ops::iter::next(&it)? {
        if eq_bool(&v, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[allow(dead_code)]
fn _keep(b: &BigInt) -> Option<f64> {
    if b.is_zero() {
        return Some(0.0);
    }
    b.to_f64()
}
