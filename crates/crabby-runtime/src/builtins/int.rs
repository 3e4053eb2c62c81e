//! `int`: i64 inline values that overflow transparently into big ints.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::error::{value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
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

/// CPython's limit on int↔str conversion of non-power-of-two bases (`sys.int_info.default_max_str_digits`).
pub const MAX_STR_DIGITS: usize = 4300;

/// `repr(int)`.
pub fn int_repr(v: &Value) -> PyResult<String> {
    match v {
        Value::Int(i) => Ok(i.to_string()),
        Value::Bool(b) => Ok((*b as i64).to_string()),
        _ => {
            let b = to_bigint(v).unwrap_or_default();
            // A cheap bound first: bits * log10(2) digits.
            if b.bits() > 14_000 {
                let s = b.to_string();
                let digits = s.trim_start_matches('-').len();
                if digits > MAX_STR_DIGITS {
                    return Err(value_error(format!(
                        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                    )));
                }
                return Ok(s);
            }
            Ok(b.to_string())
        }
    }
}

/// Converts an int to f64 with CPython's OverflowError.
pub fn int_to_f64(v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => {
            let b = to_bigint(v).unwrap_or_default();
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_infinite() {
                Err(PyErr::new(
                    crate::builtins::exceptions::ExcKind::OverflowError,
                    "int too large to convert to float",
                ))
            } else {
                Ok(f)
            }
        }
    }
}

/// Parses the text of `int(s, base)` with CPython's rules (sign, whitespace, underscores, prefixes).
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut base = base;
    let lower = s.to_ascii_lowercase();
    let mut digits = s;
    let prefixed = |p: &str| lower.starts_with(p);
    if base == 0 {
        if prefixed("0x") {
            base = 16;
            digits = &s[2..];
        } else if prefixed("0o") {
            base = 8;
            digits = &s[2..];
        } else if prefixed("0b") {
            base = 2;
            digits = &s[2..];
        } else {
            base = 10;
            // Base 0 forbids leading zeros in non-zero decimals.
            let t: String = s.chars().filter(|c| *c != '_').collect();
            if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0') {
                return None;
            }
        }
        if base != 10 {
            digits = digits.strip_prefix('_').unwrap_or(digits);
        }
    } else if (base == 16 && prefixed("0x")) || (base == 8 && prefixed("0o")) || (base == 2 && prefixed("0b")) {
        digits = &s[2..];
        digits = digits.strip_prefix('_').unwrap_or(digits);
    }
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut acc = BigInt::zero();
    let mut small: u64 = 0;
    let mut small_digits = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(36)?;
        if d >= base {
            return None;
        }
        small = small * base as u64 + d as u64;
        small_digits += 1;
        if small_digits == 12 {
            acc = acc * BigInt::from((base as u64).pow(12)) + BigInt::from(small);
            small = 0;
            small_digits = 0;
        }
    }
    if small_digits > 0 {
        acc = acc * BigInt::from((base as u64).pow(small_digits)) + BigInt::from(small);
    }
    Some(if neg { -acc } else { acc })
}

/// Methods of `int`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().int, METHODS);
}
