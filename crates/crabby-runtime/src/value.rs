//! `Value`: a Python value in two machine words.
//!
//! `None`, `bool`, ints that fit in an `i64` and floats are stored inline: arithmetic on them allocates nothing
//! and touches no reference count. Everything else is an [`ObjRef`] to a heap object.

use crate::builtins::types;
use crate::object::{ObjRef, Payload};

/// `repr(u64)` puts every payload at offset 8 after a word-sized tag: copies are two word moves (with the
/// default layout a `bool` sat at offset 1 and moving values stalled on partial-width stores), and the tag's
/// unused values still leave room for `Option<Value>` and `PyResult<Value>` in two words.
#[derive(Debug, Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjRef),
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);

impl Clone for Value {
    /// A tag test, the reference count only for heap objects, then a two-word copy. The derived `clone` (a
    /// `match` rebuilding each variant) was left out of line in generated code: 7% of `benchmarks/calls.py`.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Obj(o) => Value::Obj(o.clone()),
            // SAFETY: every other variant is plain data (no `Drop`, no ownership), so a bitwise copy is a clone.
            _ => unsafe { std::ptr::read(self) },
        }
    }
}
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
const _: () = assert!(std::mem::size_of::<crate::error::PyResult<Value>>() == 16);

impl Value {
    /// The value's type object.
    #[inline]
    pub fn ty(&self) -> &ObjRef {
        // Objects first, with one test: attribute sites call this on every access, and a `match` over all
        // variants compiled to an indirect jump (mispredicted in richards' polymorphic sites).
        if let Value::Obj(o) = self {
            return o.ty();
        }
        let t = types();
        match self {
            Value::None => &t.none_type,
            Value::Bool(_) => &t.bool,
            Value::Int(_) => &t.int,
            Value::Float(_) => &t.float,
            Value::Obj(o) => o.ty(),
        }
    }

    /// The type's name, as error messages show it.
    pub fn type_name(&self) -> String {
        crate::builtins::type_::type_name(self.ty())
    }

    #[inline]
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    #[inline]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(&o.payload),
            _ => None,
        }
    }

    /// Python's `is`. Object references, the common case (attribute names, `x is obj`), are compared first
    /// with two tests: a `match` over every pair compiles to an indirect jump that mispredicts on hot paths.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        if let Value::Obj(b) = other {
            return matches!(self, Value::Obj(a) if a.ptr_eq(b));
        }
        self.is_inline(other)
    }

    /// `is` when `other` is not an object reference.
    fn is_inline(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // NOTE: small ints and floats are inline, so `is` compares them by value; Python does not promise
            // identity for equal ints either way.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// An identity for `id()`: the address of heap objects, a stable tagged number for inline values.
    pub fn id(&self) -> i64 {
        match self {
            Value::Obj(o) => o.addr() as i64,
            Value::None => 0x1000,
            Value::Bool(b) => 0x2000 + *b as i64,
            Value::Int(i) => i.wrapping_mul(16).wrapping_add(0x3),
            Value::Float(f) => (f.to_bits() as i64) | 0x5,
        }
    }

    /// The string payload, if this is a `str` (or subclass) object.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The tuple items, if this is a `tuple` (or subclass) object.
    #[inline]
    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self {
            Value::Obj(o) => match &o.payload {
                Payload::Tuple(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Self {
        Value::Obj(o)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        crate::builtins::str::new_str(s)
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        crate::builtins::str::new_string(s)
    }
}
