//! Arithmetic and bitwise operators: inline fast paths for small ints and floats, big ints on overflow,
//! sequence concatenation and repetition, and the `__op__`/`__rop__` protocol for user classes.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Pow, Signed, ToPrimitive, Zero};

use crate::builtins::exceptions::ExcKind;
use crate::builtins::float::as_f64;
use crate::builtins::int::{self, from_bigint, to_bigint};
use crate::builtins::{bytes, list, set, tuple, type_, types};
use crate::error::{overflow_error, type_error, value_error, zero_division, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
}

fn is_float(v: &Value) -> bool {
    matches!(v, Value::Float(_)) || matches!(v.payload(), Some(Payload::Float(_)))
}

fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 {
            fl + 1.0
        } else {
            fl
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

fn float_pow(a: f64, b: f64) -> PyResult<Value> {
    if a == 0.0 && b < 0.0 {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        // A negative base to a fractional power is a complex number, as in CPython.
        return crate::builtins::complex::complex_pow((a, 0.0), (b, 0.0));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(PyErr::with_args(
            ExcKind::OverflowError,
            vec![Value::Int(34), Value::from("Numerical result out of range")],
        ));
    }
    Ok(Value::Float(r))
}

fn float_op(a: f64, b: f64, op: BinOp) -> PyResult<Option<Value>> {
    Ok(Some(match op {
        BinOp::Add => Value::Float(a + b),
        BinOp::Sub => Value::Float(a - b),
        BinOp::Mul => Value::Float(a * b),
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(zero_division("float division by zero"));
            }
            Value::Float(a / b)
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(zero_division("float floor division by zero"));
            }
            Value::Float(float_floordiv(a, b))
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(zero_division("float modulo"));
            }
            Value::Float(float_mod(a, b))
        }
        BinOp::Pow => return float_pow(a, b).map(Some),
        _ => return Ok(None),
    }))
}

/// True division of two ints, correctly rounded when both fit in 53 bits.
fn int_truediv(a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if b.is_zero() {
        return Err(zero_division("division by zero"));
    }
    let (fa, fb) = (a.to_f64().unwrap_or(f64::INFINITY), b.to_f64().unwrap_or(f64::INFINITY));
    if a.bits() <= 53 && b.bits() <= 53 {
        return Ok(Value::Float(fa / fb));
    }
    if a.bits() > 53 || b.bits() > 53 {
        // Exactly rounded, as CPython's long_true_divide.
        return crate::builtins::int::int_true_divide(a, b).map(Value::Float);
    }
    // NOTE: big operands are divided by scaling to 64 significant bits; CPython rounds exactly.
    let shift = (a.bits() as i64 - b.bits() as i64) - 64;
    let (num, den) = if shift > 0 { (a.clone(), b << shift as usize) } else { (a << (-shift) as usize, b.clone()) };
    let q = num.div_floor(&den).to_f64().unwrap_or(0.0);
    let r = q * 2f64.powi(shift as i32);
    if r.is_infinite() {
        return Err(overflow_error("integer division result too large for a float"));
    }
    Ok(Value::Float(r))
}

fn big_op(a: &BigInt, b: &BigInt, op: BinOp) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => from_bigint(a + b),
        BinOp::Sub => from_bigint(a - b),
        BinOp::Mul => from_bigint(a * b),
        BinOp::TrueDiv => return int_truediv(a, b),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(zero_division("integer division or modulo by zero"));
            }
            from_bigint(int::divmod_floor(a, b).0)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(zero_division("integer modulo by zero"));
            }
            from_bigint(int::divmod_floor(a, b).1)
        }
        BinOp::Pow => {
            if b.is_negative() {
                let fa = a.to_f64().unwrap_or(f64::INFINITY);
                let fb = b.to_f64().unwrap_or(f64::NEG_INFINITY);
                return float_pow(fa, fb);
            }
            let Some(e) = b.to_u32() else {
                if a.is_zero() || a == &BigInt::from(1) {
                    return Ok(from_bigint(a.clone()));
                }
                if a == &BigInt::from(-1) {
                    return Ok(from_bigint(if b.is_even() { BigInt::from(1) } else { a.clone() }));
                }
                return Err(PyErr::new(ExcKind::MemoryError, ""));
            };
            from_bigint(Pow::pow(a, e))
        }
        BinOp::LShift => {
            if b.is_negative() {
                return Err(value_error("negative shift count"));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            let Some(s) = b.to_usize() else { return Err(overflow_error("too many digits in integer")) };
            from_bigint(a << s)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(value_error("negative shift count"));
            }
            let s = b.to_usize().unwrap_or(usize::MAX);
            if s > a.bits() as usize {
                return Ok(Value::Int(if a.is_negative() { -1 } else { 0 }));
            }
            // Arithmetic shift rounds toward negative infinity, as Python's does.
            from_bigint(a >> s)
        }
        BinOp::And => from_bigint(a & b),
        BinOp::Or => from_bigint(a | b),
        BinOp::Xor => from_bigint(a ^ b),
        BinOp::MatMul => return Err(unsupported_big(op)),
    })
}

fn unsupported_big(op: BinOp) -> PyErr {
    type_error(format!("unsupported operand type(s) for {}: 'int' and 'int'", op.symbol()))
}

fn small_int_op(x: i64, y: i64, op: BinOp) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero_division("integer division or modulo by zero"));
            }
            x.checked_div_euclid(y).map(|_| num_integer::Integer::div_floor(&x, &y))
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(zero_division("integer modulo by zero"));
            }
            x.checked_rem_euclid(y).map(|_| num_integer::Integer::mod_floor(&x, &y))
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Err(zero_division("division by zero"));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                return Ok(Value::Float(x as f64 / y as f64));
            }
            None
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(zero_division("0.0 cannot be raised to a negative power"));
                }
                return float_pow(x as f64, y as f64);
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            if y < 63 && x.unsigned_abs() < (1u64 << (63 - y)) {
                Some(x << y)
            } else {
                None
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::MatMul => return Err(unsupported_big(op)),
    };
    match r {
        Some(v) => Ok(Value::Int(v)),
        None => big_op(&BigInt::from(x), &BigInt::from(y), op),
    }
}

/// A repetition count for `seq * n`: an int (or `__index__`), with CPython's message otherwise.
fn repeat_count(n: &Value) -> PyResult<Option<usize>> {
    if !int::is_int(n) {
        // `__index__` makes any object a repeat count (CPython's `PyNumber_AsSsize_t`).
        if type_::type_obj(n.ty()).heap && type_::lookup(n.ty(), "__index__").is_some() {
            return repeat_count(&index(n)?);
        }
        return Ok(None);
    }
    match int::as_i64(n) {
        Some(i) => Ok(Some(i.max(0) as usize)),
        None if ops::compare::is_negative(n) => Ok(Some(0)),
        None => Err(overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// The operator on built-in types, or `None` when they do not support it (NotImplemented).
fn builtin_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let view_set_op = match op {
        BinOp::Or => Some(crate::builtins::set::SetOp::Or),
        BinOp::And => Some(crate::builtins::set::SetOp::And),
        BinOp::Sub => Some(crate::builtins::set::SetOp::Sub),
        BinOp::Xor => Some(crate::builtins::set::SetOp::Xor),
        _ => None,
    };
    if op == BinOp::Or {
        if let Some(r) = crate::builtins::union::hook_or(a, b)? {
            return Ok(Some(r));
        }
    }
    if let Some(sop) = view_set_op {
        if matches!(a.payload(), Some(Payload::Cell(_))) || matches!(b.payload(), Some(Payload::Cell(_))) {
            if let Some(r) = crate::builtins::dict_views::hook_binop(a, b, sop)? {
                return Ok(Some(r));
            }
        }
    }
    let (ai, bi) = (int::is_int(a), int::is_int(b));
    if ai && bi {
        if let (Some(x), Some(y)) = (int::as_i64(a), int::as_i64(b)) {
            if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
                match op {
                    BinOp::And => return Ok(Some(Value::Bool(*p & *q))),
                    BinOp::Or => return Ok(Some(Value::Bool(*p | *q))),
                    BinOp::Xor => return Ok(Some(Value::Bool(*p ^ *q))),
                    _ => {}
                }
            }
            if op == BinOp::MatMul {
                return Ok(None);
            }
            return small_int_op(x, y, op).map(Some);
        }
        if op == BinOp::MatMul {
            return Ok(None);
        }
        return big_op(&int::big_cow(a).unwrap_or_default(), &int::big_cow(b).unwrap_or_default(), op).map(Some);
    }
    if (is_float(a) || ai) && (is_float(b) || bi) {
        let fa = if ai { int::int_to_f64(a)? } else { as_f64(a).unwrap_or(0.0) };
        let fb = if bi { int::int_to_f64(b)? } else { as_f64(b).unwrap_or(0.0) };
        return float_op(fa, fb, op);
    }
    if let Some(r) = crate::builtins::complex::complex_binop(a, b, op)? {
        return Ok(Some(r));
    }
    let pb = b.payload();
    let Some(pa) = a.payload() else {
        // An inline left operand with a sequence on the right: `3 * [1]`.
        if op == BinOp::Mul && ai {
            if let Some(pb) = pb {
                if matches!(
                    pb,
                    Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_)
                ) {
                    return builtin_binop(b, a, op);
                }
            }
        }
        return Ok(None);
    };
    match (pa, op) {
        (Payload::Str(s), BinOp::Add) => match pb {
            Some(Payload::Str(t)) => Ok(Some(crate::builtins::str::concat(s, t))),
            _ => Err(type_error(format!("can only concatenate str (not \"{}\") to str", b.type_name()))),
        },
        (Payload::List(l), BinOp::Add) => match pb {
            Some(Payload::List(m)) => {
                let mut out = l.read().clone();
                out.extend(m.read().iter().cloned());
                Ok(Some(list::new_list(out)))
            }
            _ => Err(type_error(format!("can only concatenate list (not \"{}\") to list", b.type_name()))),
        },
        (Payload::Tuple(t), BinOp::Add) => match pb {
            Some(Payload::Tuple(u)) => {
                let mut out = t.to_vec();
                out.extend(u.iter().cloned());
                Ok(Some(tuple::new_tuple(out)))
            }
            _ => Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", b.type_name()))),
        },
        (Payload::Bytes(x), BinOp::Add) => bytes::concat(bytes::Kind::Bytes, x, b).map(Some),
        (Payload::ByteArray(x), BinOp::Add) => {
            let data = x.read().clone();
            bytes::concat(bytes::Kind::ByteArray, &data, b).map(Some)
        }
        (Payload::Bytes(x), BinOp::Mod) => bytes::percent_format(bytes::Kind::Bytes, x, b).map(Some),
        (Payload::ByteArray(x), BinOp::Mod) => {
            let data = x.read().clone();
            bytes::percent_format(bytes::Kind::ByteArray, &data, b).map(Some)
        }
        (
            Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_),
            BinOp::Mul,
        ) => {
            let Some(n) = repeat_count(b)? else {
                return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", b.type_name())));
            };
            let base_len = match pa {
                Payload::Str(x) => x.as_str().len(),
                Payload::List(l) => l.read().len(),
                Payload::Tuple(t) => t.len(),
                Payload::Bytes(x) => x.len(),
                _ => 0,
            };
            if base_len.checked_mul(n).is_none_or(|total| total > isize::MAX as usize / 32) {
                return Err(PyErr::new(ExcKind::MemoryError, ""));
            }
            Ok(Some(match pa {
                Payload::Str(s) => {
                    let total = s
                        .as_str()
                        .len()
                        .checked_mul(n)
                        .ok_or_else(|| PyErr::new(ExcKind::OverflowError, "repeated string is too long"))?;
                    if total > isize::MAX as usize / 2 {
                        return Err(PyErr::new(ExcKind::MemoryError, ""));
                    }
                    Value::from(s.as_str().repeat(n))
                }
                Payload::List(l) => {
                    let items = l.read().clone();
                    let mut out = Vec::with_capacity(items.len() * n);
                    for _ in 0..n {
                        out.extend(items.iter().cloned());
                    }
                    list::new_list(out)
                }
                Payload::Tuple(t) => {
                    let mut out = Vec::with_capacity(t.len() * n);
                    for _ in 0..n {
                        out.extend(t.iter().cloned());
                    }
                    tuple::new_tuple(out)
                }
                Payload::Bytes(x) => bytes::repeat(bytes::Kind::Bytes, x, n as i64)?,
                Payload::ByteArray(x) => {
                    let data = x.read().clone();
                    bytes::repeat(bytes::Kind::ByteArray, &data, n as i64)?
                }
                _ => unreachable!("sequence payload"),
            }))
        }
        (Payload::Str(_), BinOp::Mod) => crate::ops::format::percent_format(a, b).map(Some),
        (Payload::Set(_), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) => match pb {
            Some(Payload::Set(_)) => set_op(a.as_obj().expect("set"), b.as_obj().expect("set"), op).map(Some),
            _ => Ok(None),
        },
        (Payload::Dict(_), BinOp::Or) => match pb {
            Some(Payload::Dict(_)) => {
                let out = crate::builtins::dict::copy(a.as_obj().expect("dict"));
                crate::builtins::dict::update_from_dict(out.as_obj().expect("dict"), b.as_obj().expect("dict"))?;
                Ok(Some(out))
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Set algebra (`set_or`, `set_and`, `set_sub`, `set_xor`): `builtins::set` builds the result in CPython's
/// insertion order.
fn set_op(a: &ObjRef, b: &ObjRef, op: BinOp) -> PyResult<Value> {
    let op = match op {
        BinOp::Or => set::SetOp::Or,
        BinOp::And => set::SetOp::And,
        BinOp::Sub => set::SetOp::Sub,
        _ => set::SetOp::Xor,
    };
    set::binop(a, b, op).map(Value::Obj)
}

fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

/// The special method names of an operator: `(__op__, __rop__, __iop__)`.
fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

/// `user_method` for operator `op`'s method (`reflected`: its `__r*__` form), through the type's cache of
/// operator methods (`type_::op_method`).
#[inline]
fn op_user_method(ty: &ObjRef, op: BinOp, reflected: bool) -> Option<Value> {
    let (lname, rname, _) = dunders(op);
    let slot = op as usize * 2 + reflected as usize;
    type_::op_method(ty, slot, if reflected { rname } else { lname })
}

/// A special method of a user class written in Python (not inherited from a built-in base, whose
/// native methods the built-in fast paths stand for).
fn user_method(ty: &ObjRef, name: &str) -> Option<Value> {
    if !type_::dispatches(ty) {
        return None;
    }
    type_::lookup(ty, name).filter(type_::is_special_impl)
}

/// Calls a special method, mapping NotImplemented to `None`.
fn call_user(f: &Value, this: &Value, args: &[Value]) -> PyResult<Option<Value>> {
    let r = type_::call_special(f, this, args, &[])?;
    Ok(if r.is(&not_implemented()) { None } else { Some(r) })
}

/// Whether `v` is a number of a built-in kind (inline, or an int/float/complex payload).
fn is_builtin_number(v: &Value) -> bool {
    match v {
        Value::Obj(o) => matches!(o.payload, Payload::Int(_) | Payload::Float(_) | Payload::Complex(..)),
        _ => true,
    }
}

fn unsupported(a: &Value, b: &Value, op: BinOp) -> PyErr {
    type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), a.type_name(), b.type_name()))
}

/// `a <op> b` when a user class is involved, as CPython's `binary_op1` and the `SLOT1BINFULL` slots do it:
/// the right operand's reflected method first when its type is a proper subclass of the left's that
/// overrides it, then the left's method, then the right's reflected method; the built-in behaviour of
/// built-in bases stands in for their native methods; sequence concatenation and repetition come last.
fn heap_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (_, rname, _) = dunders(op);
    let (ta, tb) = (a.ty(), b.ty());
    let same = ta.ptr_eq(tb);
    let left = op_user_method(ta, op, false);
    let right = if same { None } else { op_user_method(tb, op, true) };
    let mut right_done = false;
    if let Some(rf) = &right {
        // `method_is_overloaded`: the subclass's reflected method differs from the one the left type has.
        if type_::is_subtype(tb, ta) && !type_::lookup(ta, rname).is_some_and(|l| l.is(rf)) {
            if let Some(r) = call_user(rf, b, std::slice::from_ref(a))? {
                return Ok(r);
            }
            right_done = true;
        }
    }
    match &left {
        Some(lf) => {
            if let Some(r) = call_user(lf, a, std::slice::from_ref(b))? {
                return Ok(r);
            }
        }
        None => {
            if is_builtin_number(a) && is_builtin_number(b) {
                if let Some(r) = builtin_binop(a, b, op)? {
                    return Ok(r);
                }
            }
        }
    }
    if let (Some(rf), false) = (&right, right_done) {
        if let Some(r) = call_user(rf, b, std::slice::from_ref(a))? {
            return Ok(r);
        }
    }
    // Built-in behaviour not covered above: sequences, sets, dicts, and numbers on the right.
    if left.is_none() || right.is_none() {
        let seq = |v: &Value| {
            matches!(
                v.payload(),
                Some(
                    Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_)
                )
            )
        };
        // `x * seq` repeats the sequence on the right, as its `sq_repeat` does.
        if op == BinOp::Mul && seq(b) && !seq(a) {
            if let Some(r) = builtin_binop(b, a, op)? {
                return Ok(r);
            }
        }
        if let Some(r) = builtin_binop(a, b, op)? {
            return Ok(r);
        }
    }
    Err(unsupported(a, b, op))
}

/// `a <op> b`.
pub fn binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if !type_::dispatches(a.ty()) && !type_::dispatches(b.ty()) {
        return match builtin_binop(a, b, op)? {
            Some(v) => Ok(v),
            None => Err(unsupported(a, b, op)),
        };
    }
    heap_binop(a, b, op)
}

/// `divmod(a, b)` through `__divmod__`/`__rdivmod__` when a user class defines them; `None` when neither
/// operand's class does (the built-in computation applies).
pub fn divmod_slot(a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let (ta, tb) = (a.ty(), b.ty());
    let left = user_method(ta, "__divmod__");
    let right = if ta.ptr_eq(tb) { None } else { user_method(tb, "__rdivmod__") };
    if left.is_none() && right.is_none() {
        return Ok(None);
    }
    let mut right_done = false;
    if let Some(rf) = &right {
        if type_::is_subtype(tb, ta) && !type_::lookup(ta, "__rdivmod__").is_some_and(|l| l.is(rf)) {
            if let Some(r) = call_user(rf, b, std::slice::from_ref(a))? {
                return Ok(Some(r));
            }
            right_done = true;
        }
    }
    if let Some(lf) = &left {
        if let Some(r) = call_user(lf, a, std::slice::from_ref(b))? {
            return Ok(Some(r));
        }
    }
    if let (Some(rf), false) = (&right, right_done) {
        if let Some(r) = call_user(rf, b, std::slice::from_ref(a))? {
            return Ok(Some(r));
        }
    }
    Err(type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", a.type_name(), b.type_name())))
}

/// `pow(a, b, m)` through a user class's `__pow__(b, m)` (three-argument power never uses `__rpow__`);
/// `None` when no user class is involved.
pub fn pow3_slot(a: &Value, b: &Value, m: &Value) -> PyResult<Option<Value>> {
    let heap = |v: &Value| type_::dispatches(v.ty());
    if !heap(a) && !heap(b) && !heap(m) {
        return Ok(None);
    }
    if let Some(f) = user_method(a.ty(), "__pow__") {
        if let Some(r) = call_user(&f, a, &[b.clone(), m.clone()])? {
            return Ok(Some(r));
        }
    }
    if int::is_int(a) && int::is_int(b) && int::is_int(m) {
        return Ok(None);
    }
    Err(type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        a.type_name(),
        b.type_name(),
        m.type_name()
    )))
}

/// `a <op>= b`: `__iop__` first, then the binary operator; lists extend in place.
pub fn inplace(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if type_::dispatches(a.ty()) {
        if let Some(f) = user_method(a.ty(), dunders(op).2) {
            if let Some(r) = call_user(&f, a, std::slice::from_ref(b))? {
                return Ok(r);
            }
        }
    }
    if op == BinOp::Add {
        if let Some(r) = crate::builtins::str::append_in_place(a, b) {
            return Ok(r);
        }
    }
    if let Some(Payload::List(l)) = a.payload() {
        if user_method(a.ty(), dunders(op).2).is_none() {
            match op {
                BinOp::Add => {
                    let items = ops::iter::collect(b)?;
                    l.write().extend(items);
                    return Ok(a.clone());
                }
                BinOp::Mul => {
                    if let Some(n) = repeat_count(b)? {
                        let mut g = l.write();
                        let items = g.clone();
                        g.clear();
                        for _ in 0..n {
                            g.extend(items.iter().cloned());
                        }
                        return Ok(a.clone());
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(Payload::ByteArray(_)) = a.payload() {
        if user_method(a.ty(), dunders(op).2).is_none() {
            match op {
                BinOp::Add => return crate::builtins::bytearray::iadd(a, b),
                BinOp::Mul => {
                    if let Some(n) = repeat_count(b)? {
                        return crate::builtins::bytearray::imul(a, n as i64);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(Payload::Set(_)) = a.payload() {
        if !a.ty().ptr_eq(&types().frozenset) && !type_::type_obj(a.ty()).heap {
            // In place, in CPython's order (`set_ior` and friends): `s &= t` keeps `s` the same object.
            let sop = match op {
                BinOp::Or => Some(set::SetOp::Or),
                BinOp::And => Some(set::SetOp::And),
                BinOp::Sub => Some(set::SetOp::Sub),
                BinOp::Xor => Some(set::SetOp::Xor),
                _ => None,
            };
            if let Some(sop) = sop {
                if set::inplace(a.as_obj().expect("set"), b, sop)? {
                    return Ok(a.clone());
                }
            }
        }
    }
    if let Some(Payload::Dict(_)) = a.payload() {
        if op == BinOp::Or && !type_::type_obj(a.ty()).heap {
            ops::call::call_method(&Value::from("update"), &[a.clone(), b.clone()], &[])?;
            return Ok(a.clone());
        }
    }
    binop(a, b, op).map_err(|e| {
        if e.matches(ExcKind::TypeError) && e.value().type_name() == "TypeError" {
            let msg = crate::ops::format::str_of(&e.value()).unwrap_or_default();
            if msg.starts_with("unsupported operand") {
                let sym = op.symbol();
                let isym = if op == BinOp::Pow { "**" } else { sym };
                return type_error(msg.replacen(&format!("for {sym}:"), &format!("for {isym}=:"), 1));
            }
        }
        e
    })
}

/// The cases of a binary operator that need neither allocation nor a type lookup: small ints whose result
/// fits in an `i64`, and floats where IEEE arithmetic is Python's. Inlined into generated code so that
/// `i + 1` costs a few instructions; everything else (overflow, division by zero, mixed types, objects) returns
/// `None` and takes the general path, which gives the same answer the long way round.
#[inline(always)]
fn fast_binop(a: &Value, b: &Value, op: BinOp) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let r = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                // For a positive divisor, Python's floor division and modulo are Euclid's.
                BinOp::FloorDiv if y > 0 => Some(x.div_euclid(y)),
                BinOp::Mod if y > 0 => Some(x.rem_euclid(y)),
                BinOp::And => Some(x & y),
                BinOp::Or => Some(x | y),
                BinOp::Xor => Some(x ^ y),
                BinOp::RShift if (0..64).contains(&y) => Some(x >> y),
                _ => None,
            };
            r.map(Value::Int)
        }
        (Value::Float(x), Value::Float(y)) => match op {
            BinOp::Add => Some(Value::Float(x + y)),
            BinOp::Sub => Some(Value::Float(x - y)),
            BinOp::Mul => Some(Value::Float(x * y)),
            BinOp::TrueDiv if *y != 0.0 => Some(Value::Float(x / y)),
            // A positive base has a real power; an infinite result (overflow, or an infinite operand) takes the
            // general path, which decides between OverflowError and inf.
            BinOp::Pow if *x > 0.0 => Some(x.powf(*y)).filter(|r| r.is_finite()).map(Value::Float),
            _ => None,
        },
        _ => None,
    }
}

macro_rules! binops {
    ($($f:ident, $fi:ident => $op:ident;)*) => {$(
        #[inline]
        pub fn $f(a: &Value, b: &Value) -> PyResult<Value> {
            match fast_binop(a, b, BinOp::$op) {
                Some(v) => Ok(v),
                None => binop(a, b, BinOp::$op),
            }
        }
        #[inline]
        pub fn $fi(a: &Value, b: &Value) -> PyResult<Value> {
            match fast_binop(a, b, BinOp::$op) {
                Some(v) => Ok(v),
                None => inplace(a, b, BinOp::$op),
            }
        }
    )*};
}

binops! {
    add, iadd => Add;
    sub, isub => Sub;
    mul, imul => Mul;
    truediv, itruediv => TrueDiv;
    floordiv, ifloordiv => FloorDiv;
    mod_, imod => Mod;
    pow, ipow => Pow;
    lshift, ilshift => LShift;
    rshift, irshift => RShift;
    and, iand => And;
    or, ior => Or;
    xor, ixor => Xor;
    matmul, imatmul => MatMul;
}

/// A unary operator through the type's special method (user classes, and native types of other payloads).
fn unary_slot(a: &Value, name: &str, sym: &str) -> PyResult<Value> {
    if let Some(f) = type_::lookup(a.ty(), name) {
        return type_::call_special(&f, a, &[], &[]);
    }
    Err(type_error(format!("bad operand type for unary {sym}: '{}'", a.type_name())))
}

/// Whether a user class (not a built-in base) defines the unary special method `name` for `a`.
fn user_unary(a: &Value, name: &str) -> bool {
    type_::type_obj(a.ty()).heap && user_method(a.ty(), name).is_some()
}

/// `-a`.
pub fn neg(a: &Value) -> PyResult<Value> {
    match a {
        Value::Int(i) => Ok(i.checked_neg().map(Value::Int).unwrap_or_else(|| from_bigint(-BigInt::from(*i)))),
        Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ if !user_unary(a, "__neg__") => match to_bigint(a) {
            Some(b) => Ok(from_bigint(-b)),
            None => match as_f64(a) {
                Some(f) => Ok(Value::Float(-f)),
                None => unary_slot(a, "__neg__", "-"),
            },
        },
        _ => unary_slot(a, "__neg__", "-"),
    }
}

/// `+a`.
pub fn pos(a: &Value) -> PyResult<Value> {
    match a {
        Value::Int(_) | Value::Float(_) => Ok(a.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ if !user_unary(a, "__pos__") => match to_bigint(a) {
            Some(b) => Ok(from_bigint(b)),
            None => match as_f64(a) {
                Some(f) => Ok(Value::Float(f)),
                None => unary_slot(a, "__pos__", "+"),
            },
        },
        _ => unary_slot(a, "__pos__", "+"),
    }
}

/// `~a`.
pub fn invert(a: &Value) -> PyResult<Value> {
    match a {
        Value::Int(i) => Ok(Value::Int(!i)),
        Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
        _ if !user_unary(a, "__invert__") => match to_bigint(a) {
            Some(b) => Ok(from_bigint(-b - 1)),
            None => unary_slot(a, "__invert__", "~"),
        },
        _ => unary_slot(a, "__invert__", "~"),
    }
}

/// `not a`.
pub fn not(a: &Value) -> PyResult<Value> {
    Ok(Value::Bool(!ops::truthy(a)?))
}

/// `operator.index(v)`: the int value of an int or of an object with `__index__`.
pub fn index(v: &Value) -> PyResult<Value> {
    if int::is_int(v) {
        return Ok(match v {
            Value::Bool(b) => Value::Int(*b as i64),
            Value::Obj(_) => from_bigint(to_bigint(v).unwrap_or_default()),
            _ => v.clone(),
        });
    }
    if type_::type_obj(v.ty()).heap {
        if let Some(f) = type_::lookup(v.ty(), "__index__") {
            let r = ops::call::call_with_self(&f, v, &[], &[])?;
            if int::is_int(&r) {
                return Ok(r);
            }
            return Err(type_error(format!("__index__ returned non-int (type {})", r.type_name())));
        }
    }
    Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
}

/// An index as `i64`, with CPython's messages (`what` names the context, e.g. "list indices").
pub fn index_i64(v: &Value, what: &str) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let i = match index(v) {
        Ok(i) => i,
        // Errors from a class's own `__index__` propagate; only a missing one is "must be integers".
        Err(e) if e.matches(ExcKind::TypeError) && type_::lookup(v.ty(), "__index__").is_none() => {
            return Err(type_error(format!("{what} must be integers or slices, not {}", v.type_name())))
        }
        Err(e) => return Err(e),
    };
    int::as_i64(&i).ok_or_else(|| {
        PyErr::new(ExcKind::IndexError, format!("cannot fit '{}' into an index-sized integer", i.type_name()))
    })
}
