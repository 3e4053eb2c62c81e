//! `str`: immutable text with O(1) length and cached hash.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::error::{type_error, PyResult};
use crate::object::{ObjRef, Payload};
use crate::Value;

/// The payload of `str` objects.
// NOTE: the text is UTF-8, so lone surrogates cannot be stored yet and indexing non-ASCII text walks the string;
// the design's code-point storage comes with the built-in types milestone.
pub struct PyStr {
    s: Box<str>,
    nchars: usize,
    /// The cached hash; `-1` until computed (CPython's convention: -1 is never a hash).
    hash: AtomicI64,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr { s: s.into(), nchars: s.chars().count(), hash: AtomicI64::new(-1) }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// The length in code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.nchars
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }

    pub fn hash(&self) -> i64 {
        // Relaxed: the hash is a pure function of the immutable text, so racing writers store the same value.
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = crate::ops::hash::hash_str(&self.s);
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// The code point at `index` (0-based, in range).
    pub fn char_at(&self, index: usize) -> char {
        if self.is_ascii() {
            self.s.as_bytes()[index] as char
        } else {
            self.s.chars().nth(index).unwrap_or('\0')
        }
    }

    /// Byte offset of the code point at `index` (`index` may equal the length).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            index
        } else {
            self.s.char_indices().nth(index).map_or(self.s.len(), |(i, _)| i)
        }
    }
}

/// A new `str` value.
pub fn new_str(s: &str) -> Value {
    Value::Obj(ObjRef::new(&types().str, Payload::Str(PyStr::new(s))))
}

/// A new immortal `str`, for interned identifiers and constants of compiled code.
pub fn new_static_str(s: &str) -> Value {
    Value::Obj(ObjRef::new(&types().str, Payload::Str(PyStr::new(s))).make_immortal())
}

/// The `PyStr` of a str value, or a TypeError naming what was expected.
pub fn expect_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s),
        _ => Err(type_error(format!("{what} must be str, not {}", v.type_name()))),
    }
}

pub fn as_pystr(v: &Value) -> Option<&PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s),
        _ => None,
    }
}

/// Methods of `str`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().str, METHODS);
}
