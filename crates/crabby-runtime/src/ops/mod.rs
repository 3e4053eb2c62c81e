//! Abstract operations on values: what the interpreter loop of CPython does, as functions that generated code
//! calls. One file per family of operations.

pub mod args;
pub mod attr;
pub mod call;
pub mod compare;
pub mod format;
pub mod global_site;
pub mod hash;
pub mod iter;
pub mod number;
pub mod pattern;
pub mod percent;
pub mod reduce;
pub mod subscript;
pub mod suggest;

use crate::builtins::type_;
use crate::error::{type_error, PyErr, PyResult};
use crate::object::Payload;
use crate::Value;

/// Truth value testing: `bool(v)`.
#[inline]
pub fn truthy(v: &Value) -> PyResult<bool> {
    match v {
        Value::None => Ok(false),
        Value::Bool(b) => Ok(*b),
        Value::Int(i) => Ok(*i != 0),
        Value::Float(f) => Ok(*f != 0.0),
        Value::Obj(_) => truthy_obj(v),
    }
}

/// `truthy` of a heap object, kept out of line so the inline cases above stay small at every call site.
fn truthy_obj(v: &Value) -> PyResult<bool> {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => truthy(v),
        Value::Obj(o) => {
            if type_::type_obj(o.ty()).heap {
                if let Some(f) = type_::lookup(o.ty(), "__bool__") {
                    let r = call::call_with_self(&f, v, &[], &[])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        _ => Err(type_error(format!("__bool__ should return bool, returned {}", r.type_name()))),
                    };
                }
                if type_::lookup(o.ty(), "__len__").is_some() {
                    return Ok(len(v)? != 0);
                }
            }
            Ok(match &o.payload {
                Payload::Str(s) => !s.as_str().is_empty(),
                Payload::List(l) => !l.read().is_empty(),
                Payload::Tuple(t) => !t.is_empty(),
                Payload::Dict(_) => crate::builtins::dict::len(o) != 0,
                Payload::Set(_) => crate::builtins::set::len(o) != 0,
                Payload::Int(b) => !num_traits::Zero::is_zero(b),
                Payload::Float(f) => *f != 0.0,
                Payload::Complex(re, im) => *re != 0.0 || *im != 0.0,
                Payload::Bytes(b) => !b.is_empty(),
                Payload::ByteArray(b) => !b.read().is_empty(),
                Payload::MemoryView(m) => crate::builtins::memoryview::len(m)? != 0,
                Payload::Range(r) => !r.is_empty(),
                Payload::Cell(_) => crate::builtins::dict_views::hook_len(v).is_none_or(|n| n != 0),
                _ => return native_truthy(v),
            })
        }
    }
}

/// Truth of an object of a native type with a payload of its own (`mappingproxy`, module types): its
/// `__bool__`, else its `__len__`, else true.
fn native_truthy(v: &Value) -> PyResult<bool> {
    let ty = v.ty();
    if let Some(f) = type_::lookup(ty, "__bool__") {
        let r = type_::call_special(&f, v, &[], &[])?;
        return match r {
            Value::Bool(b) => Ok(b),
            _ => Err(type_error(format!("__bool__ should return bool, returned {}", r.type_name()))),
        };
    }
    if type_::lookup(ty, "__len__").is_some() {
        return Ok(len(v)? != 0);
    }
    Ok(true)
}

/// `len(v)`.
pub fn len(v: &Value) -> PyResult<usize> {
    if let Value::Obj(o) = v {
        if type_::type_obj(o.ty()).heap {
            if let Some(f) = type_::lookup(o.ty(), "__len__") {
                if !matches!(f.payload(), Some(Payload::BuiltinFunction(_))) {
                    let r = call::call_with_self(&f, v, &[], &[])?;
                    let n = number::index(&r).map_err(|_| {
                        type_error(format!("'{}' object cannot be interpreted as an integer", r.type_name()))
                    })?;
                    if compare::is_negative(&n) {
                        return Err(crate::error::value_error("__len__() should return >= 0"));
                    }
                    return crate::builtins::int::as_i64(&n).map(|n| n as usize).ok_or_else(|| {
                        PyErr::new(
                            crate::builtins::exceptions::ExcKind::OverflowError,
                            "cannot fit 'int' into an index-sized integer",
                        )
                    });
                }
            }
        }
        let n = match &o.payload {
            Payload::Str(s) => Some(s.char_len()),
            Payload::List(l) => Some(crate::qsbr::read(l, Vec::len)),
            Payload::Tuple(t) => Some(t.len()),
            Payload::Dict(_) => Some(crate::builtins::dict::len(o)),
            Payload::Set(_) => Some(crate::builtins::set::len(o)),
            Payload::Bytes(b) => Some(b.len()),
            Payload::ByteArray(b) => Some(b.read().len()),
            Payload::MemoryView(m) => Some(crate::builtins::memoryview::len(m)?),
            Payload::Range(r) => Some(r.len_checked()?),
            _ => None,
        };
        if let Some(n) = n.or_else(|| crate::builtins::dict_views::hook_len(v)) {
            return Ok(n);
        }
        // Native types with a payload of their own register `__len__`.
        if let Some(f) = type_::lookup(o.ty(), "__len__") {
            let r = type_::call_special(&f, v, &[], &[])?;
            return crate::builtins::int::as_i64(&r)
                .filter(|n| *n >= 0)
                .map(|n| n as usize)
                .ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", r.type_name())));
        }
    }
    Err(type_error(format!("object of type '{}' has no len()", v.type_name())))
}
