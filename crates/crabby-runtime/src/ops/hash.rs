//! `hash()`: CPython's hashes where they are deterministic (ints, floats, tuples, bool, None), and keyed
//! SipHash-1-3 for `str`/`bytes`, randomized per run unless `PYTHONHASHSEED` fixes it.

use std::hash::Hasher;
use std::sync::OnceLock;

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::builtins::type_;
use crate::error::{type_error, PyResult};
use crate::object::Payload;
use crate::Value;

/// CPython's `_PyHASH_MODULUS`: 2**61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
const HASH_INF: i64 = 314159;

fn keys() -> (u64, u64) {
    static KEYS: OnceLock<(u64, u64)> = OnceLock::new();
    *KEYS.get_or_init(|| {
        let seed = std::env::var("PYTHONHASHSEED").ok().and_then(|s| s.parse::<u64>().ok());
        match seed {
            Some(s) => (s.wrapping_mul(0x9E37_79B9_7F4A_7C15), s ^ 0x5851_F42D_4C95_7F2D),
            None => {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0);
                let addr = &t as *const u64 as u64;
                (t ^ addr.rotate_left(17), (std::process::id() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ t)
            }
        }
    })
}

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let (k0, k1) = keys();
    let mut s = siphasher::sip::SipHasher13::new_with_keys(k0, k1);
    s.write(b);
    fix(s.finish() as i64)
}

pub fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

#[inline]
pub fn hash_i64(i: i64) -> i64 {
    let neg = i < 0;
    let u = i.unsigned_abs();
    // Most ints are below the modulus: no 64-bit division for them.
    let m = if u < MODULUS { u } else { u % MODULUS } as i64;
    fix(if neg { -m } else { m })
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let (sign, digits) = b.to_u64_digits();
    let mut acc: u128 = 0;
    for d in digits.iter().rev() {
        acc = ((acc << 64) | *d as u128) % MODULUS as u128;
    }
    let m = acc as i64;
    fix(if sign == Sign::Minus { -m } else { m })
}

/// CPython's `_Py_HashDouble` (with NaN hashing by identity replaced by 0: NaNs are rarely keys).
pub fn hash_f64(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if f.is_nan() {
        return 0;
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_i64(f as i64);
    }
    let (mut m, mut e) = frexp(f.abs());
    let sign = if f < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & MODULUS) | x >> (61 - e);
    fix((x as i64) * sign)
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython's tuple hash (the xxHash-based one of 3.8+).
pub fn hash_tuple(items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for it in items {
        let lane = hash(it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// `hash(v)`: inline for small ints and exact strs (their cached hash), the common dict and set keys.
#[inline]
pub fn hash(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => return Ok(hash_i64(*i)),
        Value::Obj(o) => {
            if let (Payload::Str(s), true) = (&o.payload, o.ty().ptr_eq(&crate::builtins::types().str)) {
                return Ok(s.hash());
            }
        }
        _ => {}
    }
    hash_general(v)
}

fn hash_general(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(hash_i64(*i)),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) => Ok(hash_f64(*f)),
        // NOTE: CPython 3.12 hashes None by address; a constant keeps sets containing None stable.
        Value::None => Ok(0xFCA86420),
        Value::Obj(o) => {
            let heap = type_::type_obj(o.ty()).heap;
            if !heap {
                match &o.payload {
                    Payload::Str(s) => return Ok(s.hash()),
                    Payload::Int(b) => return Ok(hash_bigint(b)),
                    Payload::Float(f) => return Ok(hash_f64(*f)),
                    Payload::Tuple(t) => return hash_tuple(t),
                    Payload::Bytes(b) => return Ok(hash_bytes(b)),
                    Payload::Complex(re, im) => return Ok(crate::builtins::complex::complex_hash(*re, *im)),
                    Payload::Range(r) => return crate::builtins::range::hash(r),
                    Payload::Slice(s) => return crate::builtins::slice::slice_hash(s),
                    // Native modules' types hash through their own `__hash__` (e.g. weak references).
                    Payload::Native(_) => {
                        if let Some(h) = type_::lookup(o.ty(), "__hash__") {
                            if !h.is_none() {
                                let r = crate::ops::call::call_with_self(&h, v, &[], &[])?;
                                return Ok(hash_int_value(&r));
                            }
                            return Err(type_error(format!("unhashable type: '{}'", v.type_name())));
                        }
                        return Ok(fix((o.addr() >> 4) as i64));
                    }
                    Payload::MemoryView(m) => return crate::builtins::memoryview::hash(m),
                    Payload::List(_) | Payload::Dict(_) | Payload::ByteArray(_) => {
                        return Err(type_error(format!("unhashable type: '{}'", v.type_name())))
                    }
                    Payload::Set(_) if o.ty().ptr_eq(&crate::builtins::types().set) => {
                        return Err(type_error(format!("unhashable type: '{}'", v.type_name())))
                    }
                    Payload::Set(_) => return Ok(crate::builtins::set::frozenset_hash(o)),
                    // CPython's `method_hash`: the receiver's identity mixed with the function's hash.
                    Payload::BoundMethod(m) => return Ok(fix(hash(&m.func)? ^ (m.this.id() >> 4))),
                    // A native type with plain instances may be unhashable (`types.SimpleNamespace`).
                    Payload::Instance(_) if type_::lookup(o.ty(), "__hash__").is_some_and(|h| h.is_none()) => {
                        return Err(type_error(format!("unhashable type: '{}'", v.type_name())))
                    }
                    _ => return Ok(fix((o.addr() >> 4) as i64)),
                }
            }
            match type_::lookup(o.ty(), "__hash__") {
                Some(Value::None) => Err(type_error(format!("unhashable type: '{}'", v.type_name()))),
                Some(h) if !matches!(h.payload(), Some(Payload::BuiltinFunction(_))) => {
                    let r = crate::ops::call::call_with_self(&h, v, &[], &[])?;
                    match &r {
                        Value::Int(i) => Ok(fix(*i)),
                        Value::Bool(b) => Ok(*b as i64),
                        _ => match crate::builtins::int::to_bigint(&r) {
                            Some(b) => Ok(hash_bigint(&b)),
                            None => Err(type_error("__hash__ method should return an integer")),
                        },
                    }
                }
                // A subclass of a built-in type without its own `__hash__` hashes as its base does.
                Some(h) if matches!(h.payload(), Some(Payload::BuiltinFunction(b)) if b.owner.as_ref().is_some_and(|t| !t.ptr_eq(&crate::builtins::types().object))) =>
                {
                    let r = crate::ops::call::call(&h, std::slice::from_ref(v), &[])?;
                    Ok(crate::builtins::int::as_i64(&r).unwrap_or_else(|| hash_int_value(&r)))
                }
                _ => Ok(fix((o.addr() >> 4) as i64)),
            }
        }
    }
}

/// `hash()` of an int value, for the built-in int.
pub fn hash_int_value(v: &Value) -> i64 {
    match v {
        Value::Int(i) => hash_i64(*i),
        _ => crate::builtins::int::to_bigint(v).map(|b| hash_bigint(&b)).unwrap_or(0),
    }
}

#[allow(dead_code)]
fn _unused(b: &BigInt) -> Option<i64> {
    b.to_i64()
}
