//! `datetime.timedelta`: a normalised (days, seconds, microseconds) triple. Arithmetic is done on the total
//! number of microseconds, in `i128` (which holds every product of a timedelta and an `i64`) and in big ints
//! for larger operands, with CPython's rounding (round-half-even) and messages.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::calendar::{MAX_DELTA_DAYS, US_PER_DAY};
use super::{alloc, delta_of, fill_type, parse_args, readonly, set_class_attr, Delta, Types};
use crate::builtins::function::NativeFn;
use crate::builtins::list::not_implemented;
use crate::builtins::type_::{self, type_name};
use crate::builtins::{float, int, tuple};
use crate::error::{overflow_error, type_error, zero_division, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// A timedelta of the exact type from a total of microseconds, with CPython's overflow messages.
pub fn from_us(us: i128) -> PyResult<Delta> {
    let days = us.div_euclid(US_PER_DAY as i128);
    let rem = us.rem_euclid(US_PER_DAY as i128) as i64;
    if days < i32::MIN as i128 || days > i32::MAX as i128 {
        return Err(overflow_error("Python int too large to convert to C int"));
    }
    let days = days as i64;
    check_days(days)?;
    Ok(Delta { days, secs: rem / 1_000_000, us: rem % 1_000_000 })
}

fn check_days(days: i64) -> PyResult<()> {
    if days.abs() > MAX_DELTA_DAYS {
        return Err(overflow_error(format!("days={days}; must have magnitude <= {MAX_DELTA_DAYS}")));
    }
    Ok(())
}

pub fn from_big_us(us: &BigInt) -> PyResult<Delta> {
    match us.to_i128() {
        Some(u) if u.unsigned_abs() < (1u128 << 100) => from_us(u),
        _ => Err(overflow_error("Python int too large to convert to C int")),
    }
}

/// A new `datetime.timedelta` (exact type).
pub fn new_delta(d: Delta) -> Value {
    alloc(&super::types().timedelta, d)
}

pub fn new_delta_us(us: i128) -> PyResult<Value> {
    Ok(new_delta(from_us(us)?))
}

/// Normalises (days, seconds, microseconds) given as separate, possibly out-of-range, parts.
pub fn from_parts(days: i64, secs: i64, us: i64) -> PyResult<Delta> {
    from_us((days as i128 * 86_400 + secs as i128) * 1_000_000 + us as i128)
}

// ---------------------------------------------------------------------------------------------------------
// Construction

/// CPython's `accum` for one component: adds `num * factor` microseconds to `sofar`, keeping the fractional
/// microseconds of a float in `leftover`.
fn accum(tag: &str, sofar: BigInt, num: &Value, factor: i64, leftover: &mut f64) -> PyResult<BigInt> {
    if int::is_int(num) {
        let n = int::to_bigint(num).unwrap_or_default();
        return Ok(sofar + n * factor);
    }
    if float::is_float(num) {
        let dnum = float::as_f64(num).unwrap_or(0.0);
        let intpart = dnum.trunc();
        let fracpart = dnum - intpart;
        let x = float_to_big(intpart)?;
        let sum = sofar + x * factor;
        if fracpart == 0.0 {
            return Ok(sum);
        }
        let dnum = factor as f64 * fracpart;
        let intpart = dnum.trunc();
        let fracpart = dnum - intpart;
        let sum = sum + float_to_big(intpart)?;
        *leftover += fracpart;
        return Ok(sum);
    }
    Err(type_error(format!("unsupported type for timedelta {tag} component: {}", num.type_name())))
}

fn float_to_big(f: f64) -> PyResult<BigInt> {
    match float::float_to_int(f)? {
        Value::Int(i) => Ok(BigInt::from(i)),
        v => Ok(int::to_bigint(&v).unwrap_or_default()),
    }
}

const NAMES: [&str; 7] = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
const FACTORS: [i64; 7] = [US_PER_DAY, 1_000_000, 1, 1_000, 60_000_000, 3_600_000_000, 7 * US_PER_DAY];

fn td_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(&super::types().timedelta, args)?.clone();
    let parts = parse_args(Some("__new__"), &args[1..], kwargs, &NAMES, 0, 7)?;
    // The common case: every component a small int.
    if parts.iter().all(|p| matches!(p, None | Some(Value::Int(_)))) {
        let mut total: i128 = 0;
        for (p, f) in parts.iter().zip(FACTORS) {
            if let Some(Value::Int(i)) = p {
                total += *i as i128 * f as i128;
            }
        }
        return Ok(make(&cls, from_us(total)?));
    }
    // CPython accumulates in this order: microseconds, milliseconds, seconds, minutes, hours, days, weeks.
    let mut x = BigInt::zero();
    let mut leftover = 0.0f64;
    for i in [2usize, 3, 1, 4, 5, 0, 6] {
        if let Some(v) = &parts[i] {
            x = accum(NAMES[i], x, v, FACTORS[i], &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        // Round to the nearest microsecond, halves to even (judged on the whole total).
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = x.is_odd() as i64 as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        x += whole as i64;
    }
    Ok(make(&cls, from_big_us(&x)?))
}

/// An instance of `cls` (timedelta or a subclass) holding `d`; subclasses are allocated directly, as
/// CPython's `delta_new` does.
fn make(cls: &ObjRef, d: Delta) -> Value {
    alloc(cls, d)
}

// ---------------------------------------------------------------------------------------------------------
// Methods

fn this(args: &[Value], meth: &str) -> PyResult<Delta> {
    match args.first().and_then(delta_of) {
        Some(d) => Ok(*d),
        None => Err(type_error(format!(
            "descriptor '{meth}' for 'datetime.timedelta' objects doesn't apply to a '{}' object",
            args.first().map(|v| v.type_name()).unwrap_or_default()
        ))),
    }
}

fn other(args: &[Value]) -> PyResult<&Value> {
    args.get(1).ok_or_else(|| type_error("expected 1 argument, got 0"))
}

pub fn repr_delta(tyname: &str, d: &Delta) -> String {
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.secs != 0 {
        parts.push(format!("seconds={}", d.secs));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    format!("{tyname}({})", parts.join(", "))
}

pub fn str_delta(d: &Delta) -> String {
    let mut out = String::new();
    if d.days != 0 {
        out.push_str(&format!("{} day{}, ", d.days, if d.days.abs() == 1 { "" } else { "s" }));
    }
    let (h, m, s) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    out.push_str(&format!("{h}:{m:02}:{s:02}"));
    if d.us != 0 {
        out.push_str(&format!(".{:06}", d.us));
    }
    out
}

fn td_repr(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__repr__")?;
    Ok(Value::from(repr_delta(&type_name(args[0].ty()), &d)))
}

fn td_str(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__str__")?;
    Ok(Value::from(str_delta(&d)))
}

pub fn hash_delta(d: &Delta) -> PyResult<i64> {
    ops::hash::hash_tuple(&[Value::Int(d.days), Value::Int(d.secs), Value::Int(d.us)])
}

fn td_hash(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(hash_delta(&this(args, "__hash__")?)?))
}

fn cmp(args: &[Value], op: &str, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let a = this(args, op)?;
    match delta_of(other(args)?) {
        Some(b) => Ok(Value::Bool(f(a.cmp(b)))),
        None => Ok(not_implemented()),
    }
}
rich_comparisons!(cmp: td_eq, td_ne, td_lt, td_le, td_gt, td_ge);

fn td_add(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let a = this(args, "__add__")?;
    match delta_of(other(args)?) {
        Some(b) => new_delta_us(a.total_us() + b.total_us()),
        None => Ok(not_implemented()),
    }
}

fn td_sub(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let a = this(args, "__sub__")?;
    match delta_of(other(args)?) {
        Some(b) => new_delta_us(a.total_us() - b.total_us()),
        None => Ok(not_implemented()),
    }
}

fn td_rsub(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let a = this(args, "__rsub__")?;
    match delta_of(other(args)?) {
        Some(b) => new_delta_us(b.total_us() - a.total_us()),
        None => Ok(not_implemented()),
    }
}

fn td_neg(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    new_delta_us(-this(args, "__neg__")?.total_us())
}

fn td_pos(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    Ok(new_delta(this(args, "__pos__")?))
}

fn td_abs(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__abs__")?;
    if d.days < 0 {
        new_delta_us(-d.total_us())
    } else {
        Ok(new_delta(d))
    }
}

fn td_bool(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(!this(args, "__bool__")?.is_zero()))
}

/// `delta * int` or `delta * float` (either order), else NotImplemented.
fn multiply(d: Delta, n: &Value) -> PyResult<Value> {
    if let Value::Int(i) = n {
        if let Some(p) = d.total_us().checked_mul(*i as i128) {
            return new_delta_us(p);
        }
    }
    if int::is_int(n) {
        let prod = BigInt::from(d.total_us()) * int::to_bigint(n).unwrap_or_default();
        return Ok(new_delta(from_big_us(&prod)?));
    }
    if float::is_float(n) {
        let f = float::as_f64(n).unwrap_or(0.0);
        let (num, den) = float::as_integer_ratio(f)?;
        let prod = BigInt::from(d.total_us()) * num;
        return Ok(new_delta(from_big_us(&divide_nearest(&prod, &den)?)?));
    }
    Ok(not_implemented())
}

/// Round-half-even integer division (CPython's `_PyLong_DivmodNear` quotient).
pub fn divide_nearest(a: &BigInt, b: &BigInt) -> PyResult<BigInt> {
    if b.is_zero() {
        return Err(zero_division("integer division or modulo by zero"));
    }
    let (mut q, r) = a.div_mod_floor(b);
    let r2: BigInt = &r * 2;
    let greater = if b.is_positive() { &r2 > b } else { &r2 < b };
    if greater || (&r2 == b && q.is_odd()) {
        q += 1;
    }
    Ok(q)
}

fn td_mul(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    multiply(this(args, "__mul__")?, other(args)?)
}

fn td_rmul(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    multiply(this(args, "__rmul__")?, other(args)?)
}

fn td_truediv(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__truediv__")?;
    let o = other(args)?;
    if let Some(b) = delta_of(o) {
        let f = int::int_true_divide(&BigInt::from(d.total_us()), &BigInt::from(b.total_us()))?;
        return Ok(Value::Float(f));
    }
    if int::is_int(o) {
        let q = divide_nearest(&BigInt::from(d.total_us()), &int::to_bigint(o).unwrap_or_default())?;
        return Ok(new_delta(from_big_us(&q)?));
    }
    if float::is_float(o) {
        let (num, den) = float::as_integer_ratio(float::as_f64(o).unwrap_or(0.0))?;
        let q = divide_nearest(&(BigInt::from(d.total_us()) * den), &num)?;
        return Ok(new_delta(from_big_us(&q)?));
    }
    Ok(not_implemented())
}

fn td_floordiv(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__floordiv__")?;
    let o = other(args)?;
    if let Some(b) = delta_of(o) {
        let bu = b.total_us();
        if bu == 0 {
            return Err(zero_division("integer division or modulo by zero"));
        }
        return Ok(int::from_bigint(BigInt::from(floor_divmod(d.total_us(), bu).0)));
    }
    if int::is_int(o) {
        let n = int::to_bigint(o).unwrap_or_default();
        if n.is_zero() {
            return Err(zero_division("integer division or modulo by zero"));
        }
        let q = BigInt::from(d.total_us()).div_floor(&n);
        return Ok(new_delta(from_big_us(&q)?));
    }
    Ok(not_implemented())
}

/// `div_euclid` differs from floor division when the divisor is negative and the division is inexact; this
/// is the correction to floor.
fn adjust(a: i128, b: i128) -> i128 {
    if b < 0 && a.rem_euclid(b) != 0 {
        1
    } else {
        0
    }
}

fn floor_divmod(a: i128, b: i128) -> (i128, i128) {
    let q = a.div_euclid(b) - adjust(a, b);
    (q, a - q * b)
}

fn td_mod(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__mod__")?;
    match delta_of(other(args)?) {
        Some(b) => {
            let bu = b.total_us();
            if bu == 0 {
                return Err(zero_division("integer modulo by zero"));
            }
            new_delta_us(floor_divmod(d.total_us(), bu).1)
        }
        None => Ok(not_implemented()),
    }
}

fn td_divmod(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__divmod__")?;
    match delta_of(other(args)?) {
        Some(b) => {
            let bu = b.total_us();
            if bu == 0 {
                return Err(zero_division("integer division or modulo by zero"));
            }
            let (q, r) = floor_divmod(d.total_us(), bu);
            Ok(tuple::new_tuple(vec![int::from_bigint(BigInt::from(q)), new_delta_us(r)?]))
        }
        None => Ok(not_implemented()),
    }
}

fn td_total_seconds(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::modules::r#struct::meth_noargs("total_seconds", &args[1.min(args.len())..], kw)?;
    let d = this(args, "total_seconds")?;
    let f = int::int_true_divide(&BigInt::from(d.total_us()), &BigInt::from(1_000_000))?;
    Ok(Value::Float(f))
}

fn td_reduce(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = this(args, "__reduce__")?;
    let state = tuple::new_tuple(vec![Value::Int(d.days), Value::Int(d.secs), Value::Int(d.us)]);
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), state]))
}

fn get_days(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this(args, "days")?.days))
}
fn get_seconds(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this(args, "seconds")?.secs))
}
fn get_microseconds(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this(args, "microseconds")?.us))
}

pub fn init(t: &Types) {
    let methods: &[(&str, NativeFn)] = &[
        ("__repr__", td_repr),
        ("__str__", td_str),
        ("__hash__", td_hash),
        ("__eq__", td_eq),
        ("__ne__", td_ne),
        ("__lt__", td_lt),
        ("__le__", td_le),
        ("__gt__", td_gt),
        ("__ge__", td_ge),
        ("__add__", td_add),
        ("__radd__", td_add),
        ("__sub__", td_sub),
        ("__rsub__", td_rsub),
        ("__mul__", td_mul),
        ("__rmul__", td_rmul),
        ("__truediv__", td_truediv),
        ("__floordiv__", td_floordiv),
        ("__mod__", td_mod),
        ("__divmod__", td_divmod),
        ("__neg__", td_neg),
        ("__pos__", td_pos),
        ("__abs__", td_abs),
        ("__bool__", td_bool),
        ("total_seconds", td_total_seconds),
        ("__reduce__", td_reduce),
    ];
    let getters: &[(&str, NativeFn, NativeFn)] = &[
        ("days", get_days, readonly),
        ("seconds", get_seconds, readonly),
        ("microseconds", get_microseconds, readonly),
    ];
    fill_type(&t.timedelta, td_new, methods, &[], getters);
    let ty = &t.timedelta;
    set_class_attr(ty, "min", alloc(ty, Delta { days: -MAX_DELTA_DAYS, secs: 0, us: 0 }));
    set_class_attr(ty, "max", alloc(ty, Delta { days: MAX_DELTA_DAYS, secs: 86_399, us: 999_999 }));
    set_class_attr(ty, "resolution", alloc(ty, Delta { days: 0, secs: 0, us: 1 }));
    set_class_attr(
        ty,
        "__doc__",
        Value::from("Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative."),
    );
}
