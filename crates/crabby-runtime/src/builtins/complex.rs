//! `complex`: pairs of floats, with CPython's arithmetic (Smith's division, `c_powi` for small integral
//! exponents), repr, hash, string parsing, `format()` and constructor.
//!
//! Mixed arithmetic with ints and floats reaches this file through [`complex_binop`], which the operator
//! dispatch in `ops::number` calls when either operand is complex; comparisons through [`complex_richcmp`].

use crate::builtins::function::NativeFn;
use crate::builtins::int::{self, clinic, noargs, not_implemented, receiver, ternary_wrapper, wrapper};
use crate::builtins::{add_methods, float, tuple, type_, types};
use crate::error::{overflow_error, type_error, value_error, zero_division, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::ops::number::BinOp;
use crate::Value;

type C = (f64, f64);

/// A new `complex` value (`re + im*1j`); complex literals in source compile to this.
pub fn new_complex(re: f64, im: f64) -> Value {
    Value::Obj(ObjRef::new(&types().complex, Payload::Complex(re, im)))
}

/// The parts of a complex (or complex subclass instance).
pub fn as_complex(v: &Value) -> Option<C> {
    match v.payload() {
        Some(Payload::Complex(re, im)) => Some((*re, *im)),
        _ => None,
    }
}

/// An operand of complex arithmetic: a complex, or a float or int seen as one (ints may overflow);
/// `None` for other types.
fn operand(v: &Value) -> PyResult<Option<C>> {
    if let Some(c) = as_complex(v) {
        return Ok(Some(c));
    }
    if int::is_int(v) {
        return Ok(Some((int::int_to_f64(v)?, 0.0)));
    }
    Ok(float::as_f64(v).map(|f| (f, 0.0)))
}

fn c_sum(a: C, b: C) -> C {
    (a.0 + b.0, a.1 + b.1)
}

fn c_diff(a: C, b: C) -> C {
    (a.0 - b.0, a.1 - b.1)
}

fn c_prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// CPython's `_Py_c_quot` (Smith's algorithm); `None` for division by zero.
fn c_quot(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // At least one part of the divisor is a NaN.
        Some((f64::NAN, f64::NAN))
    }
}

/// `c_powu`: binary exponentiation by a non-negative integer.
fn c_powu(x: C, n: i64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `a ** b` with CPython's algorithm and errors (`0.0 to a negative or complex power`, `complex
/// exponentiation` when a part overflows).
pub fn complex_pow(a: C, b: C) -> PyResult<Value> {
    let mut domain_error = false;
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        // Small integral exponents use repeated multiplication: faster and more accurate.
        let n = b.0 as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            match c_quot((1.0, 0.0), c_powu(a, -n)) {
                Some(q) => q,
                None => {
                    domain_error = true;
                    (0.0, 0.0)
                }
            }
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            domain_error = true;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if domain_error {
        return Err(zero_division("0.0 to a negative or complex power"));
    }
    if p.0.is_infinite() || p.1.is_infinite() {
        return Err(overflow_error("complex exponentiation"));
    }
    Ok(new_complex(p.0, p.1))
}

/// The arithmetic operators when either operand is a complex: `Ok(None)` when complex does not handle the
/// pair (the caller then raises its `unsupported operand` error, as CPython has no complex `//` or `%`).
pub fn complex_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    if as_complex(a).is_none() && as_complex(b).is_none() {
        return Ok(None);
    }
    if !matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::Pow) {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
        return Ok(None);
    };
    complex_arith(x, y, op).map(Some)
}

fn complex_arith(x: C, y: C, op: BinOp) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => c_sum(x, y),
        BinOp::Sub => c_diff(x, y),
        BinOp::Mul => c_prod(x, y),
        BinOp::TrueDiv => c_quot(x, y).ok_or_else(|| zero_division("complex division by zero"))?,
        _ => return complex_pow(x, y),
    };
    Ok(new_complex(r.0, r.1))
}

/// Comparisons when either operand is a complex: equality with complex, float and int values (exact, as
/// CPython compares the real part with an int without rounding); `Ok(None)` (NotImplemented) otherwise.
pub fn complex_richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    let (c, other) = match (as_complex(a), as_complex(b)) {
        (Some(c), _) => (c, b),
        (None, Some(c)) => (c, a),
        _ => return Ok(None),
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(None);
    }
    let eq = if let Some(d) = as_complex(other) {
        c == d
    } else if int::is_int(other) || float::is_float(other) {
        // The imaginary part must be zero, then the real part compares as a float with the number.
        c.1 == 0.0 && ops::truthy(&ops::compare::richcmp(&Value::Float(c.0), &plain_number(other), CmpOp::Eq)?)?
    } else {
        return Ok(None);
    };
    Ok(Some(if op == CmpOp::Eq { eq } else { !eq }))
}

/// An int or float as a plain built-in value, so comparing it runs no user code.
fn plain_number(v: &Value) -> Value {
    if int::is_int(v) {
        int::plain(v)
    } else {
        Value::Float(float::as_f64(v).unwrap_or(0.0))
    }
}

/// CPython's complex hash: `hash(re) + 1000003 * hash(im)` in wrapping unsigned arithmetic.
pub fn complex_hash(re: f64, im: f64) -> i64 {
    let hr = ops::hash::hash_f64(re) as u64;
    let hi = ops::hash::hash_f64(im) as u64;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A float as `repr` shows it inside a complex: shortest digits, no `.0` for integral values.
fn part_repr(f: f64, sign: bool) -> String {
    crate::ops::format::double_to_string(f, 'r', 0, sign, false, false, false)
}

/// `repr(complex)`: `1j`, `(1+2j)`, `(-0-0j)`, `(inf+nanj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", part_repr(im, false))
    } else {
        format!("({}{}j)", part_repr(re, false), part_repr(im, true))
    }
}

/// C's strtod on a prefix of `s` as CPython's `PyOS_string_to_double` reads it: the value and the length of
/// the longest prefix that is a float (`inf`, `nan`, digits with a point and an exponent), if any.
pub fn strtod_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let neg = match s.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let rest = &s[i..];
    // Case-insensitive prefix tests, without a lower-cased copy.
    let starts = |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
    let special = if starts(b"infinity") {
        Some((f64::INFINITY, 8))
    } else if starts(b"inf") {
        Some((f64::INFINITY, 3))
    } else if starts(b"nan") {
        Some((f64::NAN, 3))
    } else {
        None
    };
    if let Some((v, n)) = special {
        return Some((if neg { -v } else { v }, i + n));
    }
    let start = i;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        // An exponent without digits is not part of the number.
        if j > exp_start {
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[start..i]).ok()?;
    // Rust's parser is correctly rounded for any number of digits, like CPython's `_Py_dg_strtod`.
    let v: f64 = text.parse().ok()?;
    Some((if neg { -v } else { v }, i))
}

/// CPython's `_Py_string_to_number_with_underscores`: removes underscores that sit between two digits, or
/// `None` when an underscore is anywhere else.
pub fn remove_underscores(s: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    // Most text has no underscores: it is used as it is, without a copy.
    if !s.contains(&b'_') {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let mut out = Vec::with_capacity(s.len());
    let mut prev = 0u8;
    for &c in s {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == b'_' {
        return None;
    }
    Some(std::borrow::Cow::Owned(out))
}

/// Why a text is not a complex number.
#[derive(Debug, PartialEq, Eq)]
pub enum ComplexParseError {
    /// Misplaced underscores: `could not convert string to complex: '...'`.
    Underscores,
    /// `complex() arg is a malformed string`.
    Malformed,
}

/// Parses the text of `complex(s)`: `1+2j`, `(1+2j)`, `-j`, `1e3`, `nan+infj`, with white space around.
pub fn parse_complex(text: &str) -> Result<C, ComplexParseError> {
    let t = int::transform_decimal_and_space(text);
    let s = remove_underscores(&t).ok_or(ComplexParseError::Underscores)?;
    let bad = Err(ComplexParseError::Malformed);
    let mut i = 0;
    let space = |s: &[u8], mut i: usize| {
        while i < s.len() && int::is_c_space(s[i]) {
            i += 1;
        }
        i
    };
    i = space(&s, i);
    let got_bracket = s.get(i) == Some(&b'(');
    if got_bracket {
        i = space(&s, i + 1);
    }
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (mut x, mut y) = (0.0, 0.0);
    match strtod_prefix(&s[i..]) {
        Some((z, n)) => {
            i += n;
            match s.get(i) {
                Some(b'+' | b'-') => {
                    x = z;
                    match strtod_prefix(&s[i..]) {
                        Some((w, m)) => {
                            y = w;
                            i += m;
                        }
                        None => {
                            y = if s[i] == b'+' { 1.0 } else { -1.0 };
                            i += 1;
                        }
                    }
                    if !is_j(s.get(i)) {
                        return bad;
                    }
                    i += 1;
                }
                Some(b'j' | b'J') => {
                    i += 1;
                    y = z;
                }
                _ => x = z,
            }
        }
        None => {
            match s.get(i) {
                Some(b'+') => {
                    y = 1.0;
                    i += 1;
                }
                Some(b'-') => {
                    y = -1.0;
                    i += 1;
                }
                _ => y = 1.0,
            }
            if !is_j(s.get(i)) {
                return bad;
            }
            i += 1;
        }
    }
    i = space(&s, i);
    if got_bracket {
        if s.get(i) != Some(&b')') {
            return bad;
        }
        i = space(&s, i + 1);
    }
    if i != s.len() {
        return bad;
    }
    Ok((x, y))
}

/// Whether a value can be the real or imaginary argument of `complex()`: a number (something with
/// `__float__` or `__index__`, or a complex).
fn is_number_arg(v: &Value) -> bool {
    int::is_int(v)
        || float::as_f64(v).is_some()
        || as_complex(v).is_some()
        || (type_::type_obj(v.ty()).heap
            && (type_::lookup(v.ty(), "__float__").is_some() || type_::lookup(v.ty(), "__index__").is_some()))
}

/// `float(v)` for a numeric argument of `complex()` (runs `__float__`/`__index__` for user classes).
fn to_float(v: &Value) -> PyResult<f64> {
    if int::is_int(v) {
        return int::int_to_f64(v);
    }
    if let Some(f) = float::as_f64(v) {
        return Ok(f);
    }
    let r = ops::call::call(&Value::Obj(types().float.clone()), std::slice::from_ref(v), &[])?;
    Ok(float::as_f64(&r).unwrap_or(0.0))
}

/// `x.__complex__()` for user classes that define it.
fn complex_special(v: &Value) -> PyResult<Option<Value>> {
    if !type_::type_obj(v.ty()).heap {
        return Ok(None);
    }
    let Some(f) = type_::lookup(v.ty(), "__complex__") else {
        return Ok(None);
    };
    let r = ops::call::call_with_self(&f, v, &[], &[])?;
    if as_complex(&r).is_none() {
        return Err(type_error(format!("__complex__ returned non-complex (type {})", r.type_name())));
    }
    Ok(Some(r))
}

/// `complex(real=0, imag=0)` and `complex(string)`: CPython's `complex_new_impl`.
pub fn construct_complex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("complex", args, kwargs, &["real", "imag"], 2, 0)?;
    let r = a[0].clone().unwrap_or(Value::Int(0));
    let i = a[1].clone();
    if i.is_none() && as_complex(&r).is_some() && r.ty().ptr_eq(&types().complex) {
        return Ok(r);
    }
    if let Some(s) = r.as_str() {
        if i.is_some() {
            return Err(type_error("complex() can't take second arg if first is a string"));
        }
        return match parse_complex(s) {
            Ok((re, im)) => Ok(new_complex(re, im)),
            Err(ComplexParseError::Malformed) => Err(value_error("complex() arg is a malformed string")),
            Err(ComplexParseError::Underscores) => {
                Err(value_error(format!("could not convert string to complex: {}", ops::format::repr(&r)?)))
            }
        };
    }
    if i.as_ref().is_some_and(|v| v.as_str().is_some()) {
        return Err(type_error("complex() second arg can't be a string"));
    }
    let r = complex_special(&r)?.unwrap_or(r);
    if !is_number_arg(&r) {
        return Err(type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            r.type_name()
        )));
    }
    if let Some(iv) = &i {
        if !is_number_arg(iv) {
            return Err(type_error(format!("complex() second argument must be a number, not '{}'", iv.type_name())));
        }
    }
    let (cr, cr_is_complex) = match as_complex(&r) {
        Some(c) => (c, true),
        None => ((to_float(&r)?, 0.0), false),
    };
    let (mut re, mut im) = (cr.0, cr.1);
    match &i {
        None => {}
        Some(iv) => {
            match as_complex(iv) {
                // (a+bj) + (c+dj)*1j == (a-d) + (b+c)j
                Some(ci) => {
                    re -= ci.1;
                    im = if cr_is_complex { ci.0 + cr.1 } else { ci.0 };
                }
                None => {
                    let f = to_float(iv)?;
                    im = if cr_is_complex { f + cr.1 } else { f };
                }
            }
        }
    }
    Ok(new_complex(re, im))
}

/// `abs(z)`, with CPython's OverflowError when finite parts give an infinite modulus.
pub fn complex_abs(re: f64, im: f64) -> PyResult<f64> {
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(overflow_error("absolute value too large"));
    }
    Ok(r)
}

// ---------------------------------------------------------------------------------------------------------
// Methods.

fn complex_ty() -> &'static ObjRef {
    &types().complex
}

fn parts(v: &Value) -> C {
    as_complex(v).unwrap_or((0.0, 0.0))
}

fn m_conjugate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (re, im) = parts(noargs(args, kwargs, complex_ty(), "conjugate")?);
    Ok(new_complex(re, -im))
}

fn m_complex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, complex_ty(), "__complex__")?;
    if v.ty().ptr_eq(complex_ty()) {
        return Ok(v.clone());
    }
    let (re, im) = parts(v);
    Ok(new_complex(re, im))
}

fn m_getnewargs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (re, im) = parts(noargs(args, kwargs, complex_ty(), "__getnewargs__")?);
    Ok(tuple::new_tuple_array([Value::Float(re), Value::Float(im)]))
}

fn m_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, complex_ty(), "__format__")?;
    let a = Args::new("complex.__format__", args, kwargs).exact(2)?;
    let spec = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("__format__() argument must be str, not {}", a[1].type_name())))?;
    let (re, im) = parts(this);
    if spec.is_empty() {
        return Ok(Value::from(complex_repr(re, im)));
    }
    ops::format::format_complex(re, im, spec).map(Value::from)
}

fn unary(args: &[Value], kwargs: &[(Value, Value)], name: &str, f: fn(C) -> PyResult<Value>) -> PyResult<Value> {
    let a = wrapper(args, kwargs, complex_ty(), name, 0)?;
    f(parts(&a[0]))
}

macro_rules! complex_unary {
    ($($f:ident => $name:literal, $body:expr;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            unary(args, kwargs, $name, $body)
        }
    )*};
}

complex_unary! {
    m_abs => "__abs__", |c| complex_abs(c.0, c.1).map(Value::Float);
    m_neg => "__neg__", |c| Ok(new_complex(-c.0, -c.1));
    m_pos => "__pos__", |c| Ok(new_complex(c.0, c.1));
    m_bool => "__bool__", |c| Ok(Value::Bool(c.0 != 0.0 || c.1 != 0.0));
    m_repr => "__repr__", |c| Ok(Value::from(complex_repr(c.0, c.1)));
    m_hash => "__hash__", |c| Ok(Value::Int(complex_hash(c.0, c.1)));
}

fn binary(args: &[Value], kwargs: &[(Value, Value)], name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let a = wrapper(args, kwargs, complex_ty(), name, 1)?;
    let Some(y) = operand(&a[1])? else {
        return Ok(not_implemented());
    };
    let x = parts(&a[0]);
    if reflected {
        complex_arith(y, x, op)
    } else {
        complex_arith(x, y, op)
    }
}

macro_rules! complex_binary {
    ($($f:ident, $rf:ident => $name:literal, $rname:literal, $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            binary(args, kwargs, $name, BinOp::$op, false)
        }
        fn $rf(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            binary(args, kwargs, $rname, BinOp::$op, true)
        }
    )*};
}

complex_binary! {
    m_add, m_radd => "__add__", "__radd__", Add;
    m_sub, m_rsub => "__sub__", "__rsub__", Sub;
    m_mul, m_rmul => "__mul__", "__rmul__", Mul;
    m_truediv, m_rtruediv => "__truediv__", "__rtruediv__", TrueDiv;
}

fn pow_impl(args: &[Value], kwargs: &[(Value, Value)], name: &str, reflected: bool) -> PyResult<Value> {
    let (this, other, m) = ternary_wrapper(args, kwargs, complex_ty(), name)?;
    let Some(y) = operand(other)? else {
        return Ok(not_implemented());
    };
    if !m.is_none() {
        return Err(value_error("complex modulo"));
    }
    let x = parts(this);
    if reflected {
        complex_pow(y, x)
    } else {
        complex_pow(x, y)
    }
}

fn m_pow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pow_impl(args, kwargs, "__pow__", false)
}

fn m_rpow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pow_impl(args, kwargs, "__rpow__", true)
}

fn compare(args: &[Value], kwargs: &[(Value, Value)], name: &str, op: CmpOp) -> PyResult<Value> {
    let a = wrapper(args, kwargs, complex_ty(), name, 1)?;
    let (re, im) = parts(&a[0]);
    match complex_richcmp(&new_complex(re, im), &a[1], op)? {
        Some(b) => Ok(Value::Bool(b)),
        None => Ok(not_implemented()),
    }
}

macro_rules! complex_compare {
    ($($f:ident => $name:literal, $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            compare(args, kwargs, $name, CmpOp::$op)
        }
    )*};
}

complex_compare! {
    m_eq => "__eq__", Eq;
    m_ne => "__ne__", Ne;
    m_lt => "__lt__", Lt;
    m_le => "__le__", Le;
    m_gt => "__gt__", Gt;
    m_ge => "__ge__", Ge;
}

const METHODS: &[(&str, NativeFn)] = &[
    ("conjugate", m_conjugate),
    ("__complex__", m_complex),
    ("__getnewargs__", m_getnewargs),
    ("__format__", m_format),
    ("__abs__", m_abs),
    ("__neg__", m_neg),
    ("__pos__", m_pos),
    ("__bool__", m_bool),
    ("__repr__", m_repr),
    ("__hash__", m_hash),
    ("__add__", m_add),
    ("__radd__", m_radd),
    ("__sub__", m_sub),
    ("__rsub__", m_rsub),
    ("__mul__", m_mul),
    ("__rmul__", m_rmul),
    ("__truediv__", m_truediv),
    ("__rtruediv__", m_rtruediv),
    ("__pow__", m_pow),
    ("__rpow__", m_rpow),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
];

pub fn register() {
    add_methods(complex_ty(), METHODS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        // Recorded from CPython 3.12.
        assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr(0.0, 0.0), "0j");
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(-0.0, 1.0), "(-0+1j)");
        assert_eq!(complex_repr(0.0, -0.0), "-0j");
        assert_eq!(complex_repr(-0.0, -0.0), "(-0-0j)");
        assert_eq!(complex_repr(f64::INFINITY, f64::NAN), "(inf+nanj)");
        assert_eq!(complex_repr(1e16, 1.5e-7), "(1e+16+1.5e-07j)");
    }

    #[test]
    fn parses_like_cpython() {
        let ok: &[(&str, C)] = &[
            ("1+2j", (1.0, 2.0)),
            (" (1+2j) ", (1.0, 2.0)),
            ("( 1+2j )", (1.0, 2.0)),
            ("j", (0.0, 1.0)),
            ("-j", (0.0, -1.0)),
            ("+1.5e3J", (0.0, 1500.0)),
            ("1e3", (1000.0, 0.0)),
            ("1_0+2_0j", (10.0, 20.0)),
            ("1+j", (1.0, 1.0)),
            ("1.5e3-2.5e-3j", (1500.0, -0.0025)),
            ("\u{3000}(1+2j)\u{3000}", (1.0, 2.0)),
            ("\u{661}+\u{662}j", (1.0, 2.0)),
        ];
        for (s, want) in ok {
            assert_eq!(parse_complex(s), Ok(*want), "{s:?}");
        }
        for s in ["1+", "1+2", "1 + 2j", "", "()", "1j+2", "(1", "1)", "1e+j", "1 +2j", "jj", "1jj", "+", "-"] {
            assert_eq!(parse_complex(s), Err(ComplexParseError::Malformed), "{s:?}");
        }
        assert_eq!(parse_complex("1__0"), Err(ComplexParseError::Underscores));
    }

    #[test]
    fn format_matches_cpython() {
        // Recorded from CPython 3.12's format(complex(re, im), spec).
        let cases: &[(f64, f64, &str, &str)] = &[
            (1.0, 2.0, ".2f", "1.00+2.00j"),
            (0.0, 1.0, "g", "0+1j"),
            (1.0, 2.0, ">20", "              (1+2j)"),
            (-0.0, -0.0, "z.1f", "0.0+0.0j"),
            (1e20, 2.0, "n", "1e+20+2j"),
            (1.0, 2.0, "#", "(1.+2.j)"),
        ];
        for (re, im, spec, want) in cases {
            assert_eq!(ops::format::format_complex(*re, *im, spec).ok().as_deref(), Some(*want), "{spec:?}");
        }
    }

    #[test]
    fn arithmetic_matches_cpython() {
        assert_eq!(c_quot((1.0, 2.0), (3.0, -4.0)), Some((-0.2, 0.4)));
        assert_eq!(c_quot((1.0, 1e308), (1e308, 1e308)), Some((0.0, 0.0)));
        assert_eq!(c_quot((1.0, 2.0), (0.0, 0.0)), None);
        assert_eq!(c_powu((1.0, 1.0), 100), (-1125899906842624.0, 0.0));
        assert_eq!(complex_hash(1.0, 2.0), 2000007);
        assert_eq!(complex_hash(1.5, -2.25), -576460752305423493);
    }
}
