//! `int`: i64 inline values that overflow transparently into big ints, the text conversions with CPython's
//! 4300-digit limit, and the methods of `int` (`bit_length`, `to_bytes`, the arithmetic and comparison dunders,
//! ...). The dunders delegate to the operators in [`crate::ops`] on plain values, so `int.__add__(3, 4)` and
//! `3 + 4` cannot disagree, and a mismatched operand gives `NotImplemented` as in CPython.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, type_, types};
use crate::error::{overflow_error, type_error, value_error, zero_division, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::ops::compare::CmpOp;
use crate::ops::number::BinOp;
use crate::Value;

/// An int value from a big int: inline when it fits in an i64.
pub fn from_bigint(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Obj(ObjRef::new(&types().int, Payload::Int(b))),
    }
}

/// The integer value of an int or bool (or int subclass instance).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The integer value of an int or bool, borrowed when it is a big int: arithmetic on big ints must not copy
/// their digits just to read them.
pub fn big_cow(v: &Value) -> Option<std::borrow::Cow<'_, BigInt>> {
    use std::borrow::Cow;
    match v {
        Value::Int(i) => Some(Cow::Owned(BigInt::from(*i))),
        Value::Bool(b) => Some(Cow::Owned(BigInt::from(*b as i64))),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => Some(Cow::Borrowed(b)),
            _ => None,
        },
        _ => None,
    }
}

/// Python's floor division and modulo of two big ints, `(a // b, a % b)`; `b` is not zero.
///
/// num-bigint divides large operands with Burnikel and Ziegler's recursive algorithm whatever the size of the
/// quotient, which costs many times a schoolbook step when the quotient is a few bits (the common case:
/// digit extraction, `x // y` of similar sizes). Here a quotient of at most 32 bits is estimated from the
/// top bits of both operands (off by at most one, since the divisor's top word has its high bit set) and
/// corrected with one multiply-subtract, as CPython's long division would do in one pass.
pub fn divmod_floor(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (ua, ub) = (a.magnitude(), b.magnitude());
    let (abits, bbits) = (ua.bits(), ub.bits());
    if bbits <= 128 || abits > bbits + 32 {
        return a.div_mod_floor(b);
    }
    let shift = bbits - 64;
    let (at, bt) = (top_bits(ua, shift), top_bits(ub, shift));
    let mut q = (at / bt) as u64;
    let mut prod = ub * q;
    while &prod > ua {
        q -= 1;
        prod -= ub;
    }
    let mut r = ua - prod;
    while &r >= ub {
        q += 1;
        r -= ub;
    }
    // Truncated division of the magnitudes, then Python's rounding toward negative infinity.
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let mut q = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, BigUint::from(q));
    let mut r = BigInt::from_biguint(if a.sign() == Sign::Minus { Sign::Minus } else { Sign::Plus }, r);
    if !r.is_zero() && (r.sign() == Sign::Minus) != (b.sign() == Sign::Minus) {
        q -= 1;
        r += b;
    }
    (q, r)
}

/// `x >> shift` as a u128, for a shift that leaves at most 128 bits.
fn top_bits(x: &BigUint, shift: u64) -> u128 {
    let (word, bit) = ((shift / 64) as usize, (shift % 64) as u32);
    let mut digits = x.iter_u64_digits().skip(word);
    let d0 = digits.next().unwrap_or(0) as u128;
    let d1 = digits.next().unwrap_or(0) as u128;
    let d2 = digits.next().unwrap_or(0) as u128;
    let low = (d0 | d1 << 64) >> bit;
    if bit == 0 {
        low
    } else {
        low | d2 << (128 - bit)
    }
}

/// Whether the value is an int (bool included).
pub fn is_int(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => matches!(o.payload, Payload::Int(_)),
        _ => false,
    }
}

/// The value as an i64 if it is an int that fits.
pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => b.to_i64(),
            _ => None,
        },
        _ => None,
    }
}

/// The value of an int, bool or int subclass instance as an exact `int` value (what `int(x)` returns for them).
pub fn plain(v: &Value) -> Value {
    match v {
        Value::Int(_) => v.clone(),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Obj(o) if o.ty().ptr_eq(&types().int) => v.clone(),
        _ => from_bigint(to_bigint(v).unwrap_or_default()),
    }
}

/// CPython's default limit on int↔str conversion of non-power-of-two bases
/// (`sys.int_info.default_max_str_digits`).
pub const MAX_STR_DIGITS: usize = 4300;

/// The current limit (`sys.get_int_max_str_digits()`); 0 means no limit.
static STR_DIGITS_LIMIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(MAX_STR_DIGITS);

/// `sys.get_int_max_str_digits()`.
pub fn max_str_digits() -> usize {
    // Relaxed: a standalone setting; a thread seeing the old value for a moment is harmless.
    STR_DIGITS_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// `sys.set_int_max_str_digits(n)`, with CPython's check (0, or at least
/// `sys.int_info.str_digits_check_threshold`, 640).
pub fn set_max_str_digits(n: i64) -> PyResult<()> {
    if n != 0 && n < 640 {
        return Err(value_error("maxdigits must be 0 or larger than 640"));
    }
    // Relaxed: see `max_str_digits`.
    STR_DIGITS_LIMIT.store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

fn int_to_str_limit_error(limit: usize) -> PyErr {
    value_error(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The decimal digits of a big int, with CPython's limit on the number of digits (the sign not counted).
pub fn bigint_to_decimal(b: &BigInt) -> PyResult<String> {
    let limit = max_str_digits();
    let bits = b.bits() as f64;
    // A number of `bits` bits has between (bits - 1) * log10(2) + 1 and bits * log10(2) + 1 digits: only
    // the values in between need converting to know, and the certainly-too-long ones are refused before the
    // quadratic conversion. The margins cover the rounding of the products.
    use std::f64::consts::LOG10_2;
    if limit == 0 || bits * (LOG10_2 + 1e-9) + 1.0 <= limit as f64 {
        return Ok(b.to_string());
    }
    if (bits - 1.0) * (LOG10_2 - 1e-9) > limit as f64 {
        return Err(int_to_str_limit_error(limit));
    }
    let s = b.to_string();
    if s.trim_start_matches('-').len() > limit {
        return Err(int_to_str_limit_error(limit));
    }
    Ok(s)
}

/// `repr(int)`.
pub fn int_repr(v: &Value) -> PyResult<String> {
    match v {
        Value::Int(i) => Ok(i.to_string()),
        Value::Bool(b) => Ok((*b as i64).to_string()),
        _ => bigint_to_decimal(&to_bigint(v).unwrap_or_default()),
    }
}

/// Converts an int to f64 (correctly rounded) with CPython's OverflowError.
pub fn int_to_f64(v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => bigint_to_f64(&to_bigint(v).unwrap_or_default()),
    }
}

/// A big int as f64, correctly rounded (num-bigint rounds to odd then to nearest), or CPython's OverflowError.
pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    let f = b.to_f64().unwrap_or(f64::INFINITY);
    if f.is_infinite() {
        Err(overflow_error("int too large to convert to float"))
    } else {
        Ok(f)
    }
}

/// The first code point of each run of ten Unicode decimal digits (category Nd, Unicode 15.0 as in CPython
/// 3.12) outside ASCII: `int()` and `float()` accept every one of them as the digit it stands for.
const DECIMAL_ZEROS: [u32; 67] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
    0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
    0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
    0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60,
    0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal`), ASCII included.
pub fn decimal_value(c: char) -> Option<u32> {
    let u = c as u32;
    if c.is_ascii_digit() {
        return Some(u - '0' as u32);
    }
    if u < 0x80 {
        return None;
    }
    let i = DECIMAL_ZEROS.partition_point(|z| *z <= u);
    if i == 0 {
        return None;
    }
    let d = u - DECIMAL_ZEROS[i - 1];
    (d < 10).then_some(d)
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII stays, other white space becomes a space,
/// other decimal digits their ASCII digit, anything else a `?` that no number parser accepts.
pub fn transform_decimal_and_space(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if c.is_whitespace() {
                b' '
            } else if let Some(d) = decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// C's `isspace` in the C locale, which CPython's number parsers use after the transformation above.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Why a text is not an int.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// `invalid literal for int() with base N: ...`
    Invalid,
    /// A valid literal with more decimal digits than the limit allows (the count of digits).
    TooManyDigits(usize),
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 99,
    }
}

/// CPython's `PyLong_FromString` on ASCII bytes (after [`transform_decimal_and_space`]): white space around,
/// a sign, base 0 prefixes and the leading-zero rule, single underscores between digits, and the digit limit
/// for bases that are not powers of two when `limit` is set.
pub fn parse_int_bytes(s: &[u8], base: u32, limit: bool) -> Result<BigInt, IntParseError> {
    use IntParseError::Invalid;
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let at = |k: usize| s.get(k).copied().unwrap_or(0);
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    // An old C-style octal literal: only zero is allowed.
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            // One underscore is allowed after the prefix.
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    let start = i;
    let mut prev = 0u8;
    let mut digits: Vec<u8> = Vec::with_capacity(s.len() - i);
    while i < s.len() && (digit_value(s[i]) < base || s[i] == b'_') {
        if s[i] == b'_' {
            if prev == b'_' || i == start {
                return Err(Invalid);
            }
        } else {
            digits.push(digit_value(s[i]) as u8);
        }
        prev = s[i];
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(Invalid);
    }
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Err(Invalid);
    }
    let max = max_str_digits();
    if limit && max != 0 && !base.is_power_of_two() && digits.len() > max {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    let mag = BigUint::from_radix_be(&digits, base).ok_or(Invalid)?;
    if error_if_nonzero && !mag.is_zero() {
        return Err(Invalid);
    }
    Ok(BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, mag))
}

/// Parses the text of `int(s, base)` with CPython's rules but no digit limit (source literals).
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    parse_int_bytes(&transform_decimal_and_space(text), base, false).ok()
}

// ---------------------------------------------------------------------------------------------------------
// Argument helpers shared by the numeric types' methods.

/// The receiver of a method of `ty`, with CPython's messages for a missing one or one of another type
/// (slot wrappers such as `__add__` and ordinary methods word it differently).
#[inline]
pub(crate) fn receiver<'a>(args: &'a [Value], ty: &ObjRef, method: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if type_::is_subtype(v.ty(), ty) => Ok(v),
        _ => Err(receiver_error(args, ty, method)),
    }
}

/// [`receiver`]'s error: a missing receiver or one of another type.
#[cold]
fn receiver_error(args: &[Value], ty: &ObjRef, method: &str) -> PyErr {
    let tn = type_::type_name(ty);
    let slot = method.starts_with("__")
        && !matches!(
            method,
            "__round__"
                | "__format__"
                | "__getnewargs__"
                | "__trunc__"
                | "__floor__"
                | "__ceil__"
                | "__sizeof__"
                | "__getformat__"
                | "__complex__"
        );
    let Some(v) = args.first() else {
        return type_error(if slot {
            format!("descriptor '{method}' of '{tn}' object needs an argument")
        } else {
            format!("unbound method {tn}.{method}() needs an argument")
        });
    };
    type_error(if slot {
        format!("descriptor '{method}' requires a '{tn}' object but received a '{}'", v.type_name())
    } else {
        format!("descriptor '{method}' for '{tn}' objects doesn't apply to a '{}' object", v.type_name())
    })
}

/// The operands of a slot wrapper (`x.__add__(y)`): the receiver, checked, and exactly `n` more arguments.
pub(crate) fn wrapper<'a>(
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    ty: &ObjRef,
    method: &str,
    n: usize,
) -> PyResult<&'a [Value]> {
    receiver(args, ty, method)?;
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {method}() takes no keyword arguments")));
    }
    if args.len() - 1 != n {
        return Err(type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len() - 1
        )));
    }
    Ok(args)
}

/// A ternary slot wrapper (`__pow__(value, mod=None)`): the receiver and one or two more arguments.
pub(crate) fn ternary_wrapper<'a>(
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    ty: &ObjRef,
    method: &str,
) -> PyResult<(&'a Value, &'a Value, Value)> {
    receiver(args, ty, method)?;
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {method}() takes no keyword arguments")));
    }
    match args.len() {
        1 => Err(type_error(" expected at least 1 argument, got 0")),
        2 => Ok((&args[0], &args[1], Value::None)),
        3 => Ok((&args[0], &args[1], args[2].clone())),
        n => Err(type_error(format!(" expected at most 2 arguments, got {}", n - 1))),
    }
}

/// A METH_NOARGS method: the receiver, checked, and nothing else (`int.bit_length() takes no arguments`).
pub(crate) fn noargs<'a>(
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    ty: &ObjRef,
    method: &str,
) -> PyResult<&'a Value> {
    let this = receiver(args, ty, method)?;
    if args.len() != 1 || !kwargs.is_empty() {
        // The message names the method, which is only worth formatting for the error.
        let name = format!("{}.{method}", type_::type_name(ty));
        Args::new(&name, args, kwargs).exact(1)?;
    }
    Ok(this)
}

/// Argument Clinic's keyword parsing (`_PyArg_UnpackKeywords`) for a function called `fname` with parameters
/// `names`, the first `maxpos` positional-or-keyword and the rest keyword-only, the first `required`
/// required; `args` excludes the receiver.
pub(crate) fn clinic(
    fname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    maxpos: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let total = args.len() + kwargs.len();
    if total > names.len() {
        return Err(type_error(format!(
            "{fname}() takes at most {} {}argument{} ({total} given)",
            names.len(),
            if args.is_empty() { "keyword " } else { "" },
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    if args.len() > maxpos {
        return Err(type_error(if maxpos == 0 {
            format!("{fname}() takes no positional arguments")
        } else {
            format!(
                "{fname}() takes {} {maxpos} positional argument{} ({} given)",
                if required < maxpos { "at most" } else { "exactly" },
                if maxpos == 1 { "" } else { "s" },
                args.len()
            )
        }));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, a) in args.iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kwargs {
        let key = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if i < args.len() => {
                return Err(type_error(format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(type_error(format!("'{key}' is an invalid keyword argument for {fname}()"))),
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

/// An index-sized integer argument (`Py_ssize_t` in CPython), with its messages.
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    as_i64(&i).ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
}

pub(crate) fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

/// `a / b` for ints, correctly rounded like CPython's `long_true_divide` (subnormal results included), with
/// its errors.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(zero_division("division by zero"));
    }
    let negative = a.is_negative() != b.is_negative();
    let (na, nb) = (a.bits() as i64, b.bits() as i64);
    let r = if a.is_zero() {
        0.0
    } else {
        // Scale so the integer quotient has at least 55 bits; the remainder becomes a sticky bit below them,
        // so rounding the scaled quotient rounds the exact value.
        let s = 56 + nb - na;
        let (num, den) = if s >= 0 {
            (a.magnitude() << s as usize, b.magnitude().clone())
        } else {
            (a.magnitude().clone(), b.magnitude() << (-s) as usize)
        };
        let (q, rem) = num.div_rem(&den);
        let m = (q << 1u32) + u32::from(!rem.is_zero());
        crate::builtins::float::ldexp_big(&m, -s - 1)
            .ok_or_else(|| overflow_error("integer division result too large for a float"))?
    };
    Ok(if negative { -r } else { r })
}

// ---------------------------------------------------------------------------------------------------------
// Rounding and modular powers, shared with the `round` and `pow` built-ins.

/// `round(n, ndigits)` for an int: round half to even at a power of ten when `ndigits` is negative.
pub fn round_int(n: &Value, ndigits: i64) -> Value {
    if ndigits >= 0 {
        return plain(n);
    }
    let b = to_bigint(n).unwrap_or_default();
    // 10**k for huge k is larger than any int that fits in memory: the result is 0.
    if ndigits < -(b.bits() as i64) - 1 {
        return Value::Int(0);
    }
    let p = num_traits::pow(BigInt::from(10), ndigits.unsigned_abs() as usize);
    let (q, r) = b.div_mod_floor(&p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
    from_bigint(q * p)
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.mod_floor(m).extended_gcd(m);
    if g.gcd != BigInt::from(1) {
        return None;
    }
    Some(g.x.mod_floor(m))
}

/// `pow(b, e, m)` for ints, with CPython's errors; the result has the sign of `m`.
pub fn int_modpow(b: &BigInt, e: &BigInt, m: &BigInt) -> PyResult<Value> {
    if m.is_zero() {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let m_abs = m.abs();
    let base = if e.is_negative() {
        // A negative exponent needs the modular inverse of the base.
        mod_inverse(b, &m_abs).ok_or_else(|| value_error("base is not invertible for the given modulus"))?
    } else {
        b.mod_floor(&m_abs)
    };
    let mut r = base.modpow(&e.abs(), &m_abs);
    if m.is_negative() && !r.is_zero() {
        r -= &m_abs;
    }
    Ok(from_bigint(r))
}

// ---------------------------------------------------------------------------------------------------------
// Methods.

fn int_ty() -> &'static ObjRef {
    &types().int
}

fn this_big(v: &Value) -> BigInt {
    to_bigint(v).unwrap_or_default()
}

fn m_bit_length(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, int_ty(), "bit_length")?;
    Ok(match as_i64(v) {
        Some(i) => Value::Int((64 - i.unsigned_abs().leading_zeros()) as i64),
        None => from_bigint(BigInt::from(this_big(v).bits())),
    })
}

fn m_bit_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, int_ty(), "bit_count")?;
    Ok(match as_i64(v) {
        Some(i) => Value::Int(i.unsigned_abs().count_ones() as i64),
        None => Value::Int(this_big(v).magnitude().count_ones() as i64),
    })
}

/// The `byteorder` argument of `to_bytes`/`from_bytes`: true for little-endian.
fn byteorder_arg(fname: &str, v: &Option<Value>) -> PyResult<Option<&'static str>> {
    match v {
        None => Ok(None),
        Some(v) => match v.as_str() {
            Some("little") => Ok(Some("little")),
            Some("big") => Ok(Some("big")),
            Some(_) => Ok(Some("")),
            None => Err(type_error(format!("{fname}() argument 'byteorder' must be str, not {}", v.type_name()))),
        },
    }
}

fn m_to_bytes(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, int_ty(), "to_bytes")?;
    let a = clinic("to_bytes", &args[1..], kwargs, &["length", "byteorder", "signed"], 2, 0)?;
    let length = match &a[0] {
        Some(v) => ssize_arg(v)?,
        None => 1,
    };
    let order = byteorder_arg("to_bytes", &a[1])?;
    let signed = match &a[2] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    let little = match order {
        None | Some("big") => false,
        Some("little") => true,
        _ => return Err(value_error("byteorder must be either 'little' or 'big'")),
    };
    if length < 0 {
        return Err(value_error("length argument must be non-negative"));
    }
    let n = this_big(this);
    if !signed && n.is_negative() {
        return Err(overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if n.is_zero() {
        Vec::new()
    } else if signed {
        n.to_signed_bytes_be()
    } else {
        n.magnitude().to_bytes_be()
    };
    if bytes.len() as u64 > length as u64 {
        return Err(overflow_error("int too big to convert"));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length as usize - bytes.len()];
    out.append(&mut bytes);
    if little {
        out.reverse();
    }
    Ok(crate::builtins::bytes::new_bytes(&out))
}

/// The bytes of a `from_bytes` argument: bytes-like objects, or any iterable of ints in range(256).
fn bytes_of(v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => return Ok(b.to_vec()),
        Some(Payload::ByteArray(b)) => return Ok(b.read().clone()),
        Some(Payload::Str(_)) => return Err(type_error("cannot convert 'str' object to bytes")),
        _ => {}
    }
    let it =
        ops::iter::iter(v).map_err(|_| type_error(format!("cannot convert '{}' object to bytes", v.type_name())))?;
    let mut out = Vec::new();
    while let Some(x) = ops::iter::next(&it)? {
        let i = ops::number::index(&x)?;
        match as_i64(&i) {
            Some(b @ 0..=255) => out.push(b as u8),
            _ => return Err(value_error("bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

fn m_from_bytes(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = args.first().cloned().unwrap_or_else(|| Value::Obj(types().int.clone()));
    let a = clinic("from_bytes", args.get(1..).unwrap_or(&[]), kwargs, &["bytes", "byteorder", "signed"], 2, 1)?;
    let order = byteorder_arg("from_bytes", &a[1])?;
    let signed = match &a[2] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    let little = match order {
        None | Some("big") => false,
        Some("little") => true,
        _ => return Err(value_error("byteorder must be either 'little' or 'big'")),
    };
    let mut b = bytes_of(a[0].as_ref().expect("required argument"))?;
    if little {
        b.reverse();
    }
    let n = if signed { BigInt::from_signed_bytes_be(&b) } else { BigInt::from_bytes_be(Sign::Plus, &b) };
    let v = from_bigint(n);
    // A subclass gets `cls(value)`, as CPython does.
    if cls.as_obj().is_some_and(|c| c.ptr_eq(&types().int)) {
        Ok(v)
    } else {
        ops::call::call(&cls, &[v], &[])
    }
}

fn m_as_integer_ratio(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, int_ty(), "as_integer_ratio")?;
    Ok(crate::builtins::tuple::new_tuple_array([plain(v), Value::Int(1)]))
}

fn m_is_integer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    noargs(args, kwargs, int_ty(), "is_integer")?;
    Ok(Value::Bool(true))
}

fn m_getnewargs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, int_ty(), "__getnewargs__")?;
    Ok(crate::builtins::tuple::new_tuple_array([plain(v)]))
}

fn m_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let v = noargs(args, kwargs, int_ty(), "__sizeof__")?;
    // CPython stores 30-bit digits after a 24-byte header, and at least one digit.
    let bits = match as_i64(v) {
        Some(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
        None => this_big(v).bits(),
    };
    Ok(Value::Int(24 + 4 * bits.div_ceil(30).max(1) as i64))
}

macro_rules! int_noargs_plain {
    ($($f:ident => $name:literal;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let v = noargs(args, kwargs, int_ty(), $name)?;
            Ok(plain(v))
        }
    )*};
}

int_noargs_plain! {
    m_conjugate => "conjugate";
    m_trunc => "__trunc__";
    m_floor => "__floor__";
    m_ceil => "__ceil__";
}

/// Unary slot wrappers (`__neg__`, `__index__`, ...), computed on the plain value.
fn unary(args: &[Value], kwargs: &[(Value, Value)], name: &str, f: fn(&Value) -> PyResult<Value>) -> PyResult<Value> {
    let a = wrapper(args, kwargs, int_ty(), name, 0)?;
    f(&plain(&a[0]))
}

macro_rules! int_unary {
    ($($f:ident => $name:literal, $body:expr;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            unary(args, kwargs, $name, $body)
        }
    )*};
}

int_unary! {
    m_index => "__index__", |v| Ok(v.clone());
    m_int => "__int__", |v| Ok(v.clone());
    m_float => "__float__", |v| int_to_f64(v).map(Value::Float);
    m_abs => "__abs__", |v| Ok(match v { Value::Int(i) if *i != i64::MIN => Value::Int(i.abs()), _ => from_bigint(this_big(v).abs()) });
    m_neg => "__neg__", ops::number::neg;
    m_pos => "__pos__", |v| Ok(v.clone());
    m_invert => "__invert__", ops::number::invert;
    m_bool => "__bool__", |v| Ok(Value::Bool(match v { Value::Int(i) => *i != 0, _ => !this_big(v).is_zero() }));
    m_repr => "__repr__", |v| match v {
        // Written on the stack: the str is the only allocation (json's pure-Python encoder calls this per int).
        Value::Int(i) => {
            let mut buf = [0u8; 20];
            let s = ops::format::i64_digits(*i, &mut buf);
            Ok(crate::builtins::str::new_str_len(s, s.len()))
        }
        _ => int_repr(v).map(Value::from),
    };
    m_hash => "__hash__", |v| Ok(Value::Int(ops::hash::hash_int_value(v)));
}

fn m_round(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, int_ty(), "__round__")?;
    let a = Args::new("int.__round__", args, kwargs).between(1, 2)?;
    match a.get(1) {
        None => Ok(plain(this)),
        Some(nd) => {
            let nd = ops::number::index(nd)?;
            // Beyond the i64 range: a huge positive count keeps the value, a huge negative one gives 0.
            let n = as_i64(&nd).unwrap_or(if ops::compare::is_negative(&nd) { i64::MIN } else { i64::MAX });
            Ok(round_int(this, n))
        }
    }
}

fn m_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = receiver(args, int_ty(), "__format__")?;
    let a = Args::new("int.__format__", args, kwargs).exact(2)?;
    let spec = a[1]
        .as_str()
        .ok_or_else(|| type_error(format!("__format__() argument must be str, not {}", a[1].type_name())))?;
    // A bool formats as its int value unless the spec is empty (then `str(True)`).
    let v = if spec.is_empty() { this.clone() } else { plain(this) };
    ops::format::format(&v, spec).map(Value::from)
}

/// A binary arithmetic slot wrapper: `NotImplemented` unless the other operand is an int.
fn binary(args: &[Value], kwargs: &[(Value, Value)], name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let a = wrapper(args, kwargs, int_ty(), name, 1)?;
    if !is_int(&a[1]) {
        return Ok(not_implemented());
    }
    let (x, y) = (plain(&a[0]), plain(&a[1]));
    if reflected {
        ops::number::binop(&y, &x, op)
    } else {
        ops::number::binop(&x, &y, op)
    }
}

macro_rules! int_binary {
    ($($f:ident, $rf:ident => $name:literal, $rname:literal, $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            binary(args, kwargs, $name, BinOp::$op, false)
        }
        fn $rf(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            binary(args, kwargs, $rname, BinOp::$op, true)
        }
    )*};
}

int_binary! {
    m_add, m_radd => "__add__", "__radd__", Add;
    m_sub, m_rsub => "__sub__", "__rsub__", Sub;
    m_mul, m_rmul => "__mul__", "__rmul__", Mul;
    m_truediv, m_rtruediv => "__truediv__", "__rtruediv__", TrueDiv;
    m_floordiv, m_rfloordiv => "__floordiv__", "__rfloordiv__", FloorDiv;
    m_mod, m_rmod => "__mod__", "__rmod__", Mod;
    m_lshift, m_rlshift => "__lshift__", "__rlshift__", LShift;
    m_rshift, m_rrshift => "__rshift__", "__rrshift__", RShift;
    m_and, m_rand => "__and__", "__rand__", And;
    m_or, m_ror => "__or__", "__ror__", Or;
    m_xor, m_rxor => "__xor__", "__rxor__", Xor;
}

/// `divmod` of two plain ints.
pub fn int_divmod(x: &Value, y: &Value) -> PyResult<Value> {
    let (a, b) = (big_cow(x).unwrap_or_default(), big_cow(y).unwrap_or_default());
    if b.is_zero() {
        return Err(zero_division("integer division or modulo by zero"));
    }
    let (q, r) = divmod_floor(&a, &b);
    Ok(crate::builtins::tuple::new_tuple_array([from_bigint(q), from_bigint(r)]))
}

fn m_divmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = wrapper(args, kwargs, int_ty(), "__divmod__", 1)?;
    if !is_int(&a[1]) {
        return Ok(not_implemented());
    }
    int_divmod(&a[0], &a[1])
}

fn m_rdivmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = wrapper(args, kwargs, int_ty(), "__rdivmod__", 1)?;
    if !is_int(&a[1]) {
        return Ok(not_implemented());
    }
    int_divmod(&a[1], &a[0])
}

/// `int.__pow__` / `__rpow__`: two-argument powers through the operator, three-argument modular powers.
fn pow_impl(args: &[Value], kwargs: &[(Value, Value)], name: &str, reflected: bool) -> PyResult<Value> {
    let (this, other, m) = ternary_wrapper(args, kwargs, int_ty(), name)?;
    if !is_int(other) || !(m.is_none() || is_int(&m)) {
        return Ok(not_implemented());
    }
    let (b, e) = if reflected { (other, this) } else { (this, other) };
    if m.is_none() {
        return ops::number::binop(&plain(b), &plain(e), BinOp::Pow);
    }
    int_modpow(&this_big(b), &this_big(e), &this_big(&m))
}

fn m_pow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pow_impl(args, kwargs, "__pow__", false)
}

fn m_rpow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pow_impl(args, kwargs, "__rpow__", true)
}

/// A comparison slot wrapper: `NotImplemented` unless the other operand is an int.
fn compare(args: &[Value], kwargs: &[(Value, Value)], name: &str, op: CmpOp) -> PyResult<Value> {
    let a = wrapper(args, kwargs, int_ty(), name, 1)?;
    if !is_int(&a[1]) {
        return Ok(not_implemented());
    }
    ops::compare::richcmp(&plain(&a[0]), &plain(&a[1]), op)
}

macro_rules! int_compare {
    ($($f:ident => $name:literal, $op:ident;)*) => {$(
        fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            compare(args, kwargs, $name, CmpOp::$op)
        }
    )*};
}

int_compare! {
    m_eq => "__eq__", Eq;
    m_ne => "__ne__", Ne;
    m_lt => "__lt__", Lt;
    m_le => "__le__", Le;
    m_gt => "__gt__", Gt;
    m_ge => "__ge__", Ge;
}

const METHODS: &[(&str, NativeFn)] = &[
    ("bit_length", m_bit_length),
    ("bit_count", m_bit_count),
    ("to_bytes", m_to_bytes),
    ("as_integer_ratio", m_as_integer_ratio),
    ("conjugate", m_conjugate),
    ("is_integer", m_is_integer),
    ("__getnewargs__", m_getnewargs),
    ("__sizeof__", m_sizeof),
    ("__trunc__", m_trunc),
    ("__floor__", m_floor),
    ("__ceil__", m_ceil),
    ("__round__", m_round),
    ("__format__", m_format),
    ("__index__", m_index),
    ("__int__", m_int),
    ("__float__", m_float),
    ("__abs__", m_abs),
    ("__neg__", m_neg),
    ("__pos__", m_pos),
    ("__invert__", m_invert),
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
    ("__floordiv__", m_floordiv),
    ("__rfloordiv__", m_rfloordiv),
    ("__mod__", m_mod),
    ("__rmod__", m_rmod),
    ("__divmod__", m_divmod),
    ("__rdivmod__", m_rdivmod),
    ("__pow__", m_pow),
    ("__rpow__", m_rpow),
    ("__lshift__", m_lshift),
    ("__rlshift__", m_rlshift),
    ("__rshift__", m_rshift),
    ("__rrshift__", m_rrshift),
    ("__and__", m_and),
    ("__rand__", m_rand),
    ("__or__", m_or),
    ("__ror__", m_ror),
    ("__xor__", m_xor),
    ("__rxor__", m_rxor),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
];

/// Puts a native function in a type's namespace as a class method (`int.from_bytes`, `float.fromhex`).
pub(crate) fn add_classmethod(ty: &ObjRef, name: &'static str, f: NativeFn) {
    let func = crate::builtins::function::new_builtin(name, f, None);
    let cm = ObjRef::new(
        &types().classmethod,
        Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::ClassMethod(func)),
    )
    .make_immortal();
    crate::builtins::dict::set_str(&type_::type_obj(ty).dict, name, Value::Obj(cm));
}

pub fn register() {
    add_methods(int_ty(), METHODS);
    add_classmethod(int_ty(), "from_bytes", m_from_bytes);
}

/// Errors a caller may want to build from an [`IntParseError`] for `int(text, base)`; `shown` is the repr of
/// the argument as CPython prints it (cut to 200 characters).
pub fn int_parse_error(e: IntParseError, base: u32, shown: &str) -> PyErr {
    match e {
        IntParseError::Invalid => {
            let cut: String = shown.chars().take(200).collect();
            value_error(format!("invalid literal for int() with base {base}: {cut}"))
        }
        IntParseError::TooManyDigits(n) => PyErr::new(
            ExcKind::ValueError,
            format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit",
                max_str_digits()
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, base: u32) -> Result<BigInt, IntParseError> {
        parse_int_bytes(&transform_decimal_and_space(s), base, true)
    }

    #[test]
    fn parses_like_cpython() {
        // Each case was checked with CPython 3.12's int(s, base).
        let ok: &[(&str, u32, i64)] = &[
            ("1_000", 10, 1000),
            ("0x_1f", 0, 31),
            ("0x_1f", 16, 31),
            ("0b101", 0, 5),
            ("0o17", 0, 15),
            ("000", 0, 0),
            ("0_0", 0, 0),
            (" -0x1F ", 0, -31),
            ("z", 36, 35),
            ("\u{663}\u{664}", 10, 34),
            ("\u{3000}12\u{3000}", 10, 12),
            ("\u{e51}\u{e52}", 16, 18),
        ];
        for (s, b, want) in ok {
            assert_eq!(p(s, *b), Ok(BigInt::from(*want)), "{s:?} base {b}");
        }
        for (s, b) in [
            ("1__000", 10),
            ("_1", 10),
            ("1_", 10),
            ("0x", 16),
            ("017", 0),
            ("00_1", 0),
            ("+ 1", 10),
            ("--1", 10),
            ("", 10),
            ("  ", 10),
            ("\x1c12\x1f", 10),
            ("12\0", 10),
            ("1\u{301}", 10),
            ("1e5", 10),
        ] {
            assert_eq!(p(s, b), Err(IntParseError::Invalid), "{s:?} base {b}");
        }
        assert_eq!(p(&"1".repeat(4301), 10), Err(IntParseError::TooManyDigits(4301)));
        assert_eq!(p(&"1_".repeat(4300), 10), Err(IntParseError::Invalid));
        assert!(p(&"1".repeat(5000), 16).is_ok());
        assert_eq!(p(&format!("{}x", "1".repeat(5000)), 10), Err(IntParseError::Invalid));
    }

    #[test]
    fn true_division_is_correctly_rounded() {
        // Recorded from CPython 3.12's a / b.
        let two = |e: u32| BigInt::from(1) << e as usize;
        let d = |a: BigInt, b: BigInt| int_true_divide(&a, &b).ok();
        assert_eq!(d(BigInt::from(1), two(1074)), Some(5e-324));
        assert_eq!(d(BigInt::from(1), two(1075)), Some(0.0));
        assert_eq!(d(BigInt::from(3), two(1076)), Some(5e-324));
        let big = num_traits::pow(BigInt::from(10), 400);
        assert_eq!(d(&big + 1, big.clone()), Some(1.0));
        assert_eq!(d(two(1024) - two(970), BigInt::from(1)), None);
        assert_eq!(d(two(1024) - two(971), BigInt::from(1)), Some(f64::MAX));
        let a: BigInt = "12345678901234567890123".parse().unwrap();
        let b: BigInt = "-98765432109876543210".parse().unwrap();
        assert_eq!(d(a, b), Some(-124.9999988609375));
        assert_eq!(d(BigInt::from(0), BigInt::from(-5)).map(|f| f.is_sign_negative()), Some(true));
    }

    #[test]
    fn format_and_bytes_match_cpython() {
        // Recorded from CPython 3.12's format(v, spec) and int.to_bytes.
        let big: BigInt = "100000000000000000000".parse().unwrap();
        let cases: &[(Value, &str, &str)] = &[
            (from_bigint(big), "_x", "5_6bc7_5e2d_6310_0000"),
            (Value::Int(-255), "#010x", "-0x00000ff"),
            (Value::Int(1234567), "012,", "0,001,234,567"),
            (Value::Int(65), "c", "A"),
            (Value::Bool(true), "", "True"),
            (Value::Bool(true), ">5", "    1"),
            (Value::Int(42), "+o", "+52"),
            (Value::Int(-42), "=8", "-     42"),
            (Value::Int(7), "b", "111"),
        ];
        for (v, spec, want) in cases {
            assert_eq!(ops::format::format(v, spec).ok().as_deref(), Some(*want), "format({v:?}, {spec:?})");
        }
        let to_bytes = |n: i64, len: i64, order: &str, signed: bool| -> Option<Vec<u8>> {
            let kw = [(Value::from("signed"), Value::Bool(signed))];
            match m_to_bytes(&[Value::Int(n), Value::Int(len), Value::from(order)], &kw) {
                Ok(Value::Obj(o)) => match &o.payload {
                    Payload::Bytes(b) => Some(b.to_vec()),
                    _ => None,
                },
                _ => None,
            }
        };
        assert_eq!(to_bytes(5, 2, "little", true), Some(vec![5, 0]));
        assert_eq!(to_bytes(-1, 2, "big", true), Some(vec![0xff, 0xff]));
        assert_eq!(to_bytes(-129, 2, "little", true), Some(vec![0x7f, 0xff]));
        assert_eq!(to_bytes(0, 0, "big", false), Some(vec![]));
        assert_eq!(to_bytes(255, 1, "big", true), None);
        assert_eq!(to_bytes(-5, 2, "big", false), None);
    }

    #[test]
    fn digit_limit_is_exact() {
        let p = |k: usize| num_traits::pow(BigInt::from(10), k);
        assert_eq!(bigint_to_decimal(&p(4299)).map(|s| s.len()).ok(), Some(4300));
        assert_eq!(bigint_to_decimal(&-p(4299)).map(|s| s.len()).ok(), Some(4301));
        assert!(bigint_to_decimal(&p(4300)).is_err());
        assert!(bigint_to_decimal(&p(100_000)).is_err());
    }

    #[test]
    fn decimal_digits() {
        assert_eq!(decimal_value('\u{669}'), Some(9));
        assert_eq!(decimal_value('\u{1d7ff}'), Some(9));
        assert_eq!(decimal_value('\u{66a}'), None);
        assert_eq!(decimal_value('a'), None);
    }

    #[test]
    fn round_half_even() {
        // CPython: round(5, -1) == 0, round(15, -1) == 20, round(25, -1) == 20, round(-25, -1) == -20.
        let r = |n: i64, d: i64| as_i64(&round_int(&Value::Int(n), d)).unwrap();
        assert_eq!(r(5, -1), 0);
        assert_eq!(r(15, -1), 20);
        assert_eq!(r(25, -1), 20);
        assert_eq!(r(-25, -1), -20);
        assert_eq!(r(12345, -2), 12300);
        assert_eq!(r(7, -100), 0);
    }
}
