//! `str`: immutable text with O(1) length and cached hash, and the methods of the `str` type.
//!
//! The text is stored as UTF-8, while Python's indexes are code-point indexes: ASCII strings (the common case)
//! index bytes directly, and longer non-ASCII strings keep a lazily built table of checkpoints so that indexing
//! does not walk the whole string. This file holds the payload, argument parsing shared by every method (each
//! of CPython's calling conventions has its own error messages), the method table, the dunder methods, and
//! stripping, padding and translation. The other method families live in `str_search.rs` (find, count,
//! replace, startswith), `str_split.rs` (split, partition, join), `str_case.rs` (case mappings and the `is*`
//! predicates), `str_format.rs` (`str.format`) and `str_codec.rs` (`str.encode`).

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

use crate::builtins::descriptor::DescriptorObj;
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::unicode::is_space;
use crate::builtins::{dict, int, str_case, str_codec, str_format, str_search, str_split, type_, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// Code points between two entries of a string's checkpoint table.
const STRIDE: usize = 64;

/// The longest text (in bytes) kept inside the object itself. A heap object is as large as its largest payload
/// (see `object::Payload`), so a `str` payload has room for this much text at no cost; most strings a program
/// makes (words, keys, numbers, short lines) then take one allocation instead of two.
pub const INLINE_CAP: usize = 96;

/// Where the text of a `str` lives.
enum Text {
    /// Short text, inside the payload. Indexing non-ASCII inline text walks at most [`INLINE_CAP`] bytes, so it
    /// needs no checkpoint table.
    Inline { len: u8, buf: [u8; INLINE_CAP] },
    /// Longer text in its own allocation. For non-ASCII text longer than [`STRIDE`] code points, the byte offset
    /// of every `STRIDE`-th code point, built on first use by indexing.
    /// The text has no spare capacity unless `+=` grew it in place (see [`append_in_place`]).
    Heap { s: String, checkpoints: OnceLock<Box<[usize]>> },
}

/// What `+=` may change in place: the text and its length in code points.
struct Inner {
    nchars: usize,
    text: Text,
}

/// The payload of `str` objects.
// NOTE: the text is UTF-8, so lone surrogates (`'\ud800'`, `surrogateescape` file names) cannot be stored; the
// design's full code-point storage would need a different representation behind the same API.
pub struct PyStr {
    /// Immutable, except through [`append_in_place`] while its caller holds the only reference to the object.
    inner: UnsafeCell<Inner>,
    /// The cached hash; `-1` until computed (CPython's convention: -1 is never a hash).
    hash: AtomicI64,
}

// SAFETY: `inner` is only written by `append_in_place`, which requires the object's only reference: no other
// thread can reach the object then, and the Acquire fence there orders the write after every earlier reader's
// release of its reference. All other access is reading.
unsafe impl Sync for PyStr {}

// The payload must stay within the room every heap object already has (`object.rs` asserts the total).
const _: () = assert!(std::mem::size_of::<PyStr>() <= 128);

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr::from_str_len(s, s.chars().count())
    }

    /// Takes ownership of `s` (no copy when it is long and has no spare capacity).
    pub fn from_string(s: String) -> PyStr {
        let nchars = s.chars().count();
        PyStr::with_len(s, nchars)
    }

    /// A payload whose length in code points the caller already knows.
    pub fn with_len(s: String, nchars: usize) -> PyStr {
        if s.len() <= INLINE_CAP {
            return PyStr::from_str_len(&s, nchars);
        }
        debug_assert_eq!(nchars, s.chars().count());
        // Spare capacity is given back: most strings are never appended to.
        let text = Text::Heap { s: s.into_boxed_str().into_string(), checkpoints: OnceLock::new() };
        PyStr::make(nchars, text)
    }

    /// A payload copying `s`, whose length in code points the caller already knows.
    #[inline]
    pub fn from_str_len(s: &str, nchars: usize) -> PyStr {
        debug_assert_eq!(nchars, s.chars().count());
        let text = if s.len() <= INLINE_CAP {
            let mut buf = [0u8; INLINE_CAP];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Text::Inline { len: s.len() as u8, buf }
        } else {
            Text::Heap { s: s.into(), checkpoints: OnceLock::new() }
        };
        PyStr::make(nchars, text)
    }

    #[inline]
    fn make(nchars: usize, text: Text) -> PyStr {
        PyStr { inner: UnsafeCell::new(Inner { nchars, text }), hash: AtomicI64::new(-1) }
    }

    #[inline]
    fn inner(&self) -> &Inner {
        // SAFETY: see `unsafe impl Sync for PyStr`: nobody writes `inner` while a shared reference can read it.
        unsafe { &*self.inner.get() }
    }

    #[inline]
    fn nchars(&self) -> usize {
        self.inner().nchars
    }

    /// Appends `other` (a different object) to this text.
    ///
    /// # Safety
    /// The caller holds the only reference to the object whose payload this is, and nothing borrows its text.
    unsafe fn append(&self, other: &PyStr) {
        // SAFETY: the caller guarantees exclusive access.
        let inner = unsafe { &mut *self.inner.get() };
        let add = other.as_str();
        match &mut inner.text {
            Text::Inline { len, buf } if *len as usize + add.len() <= INLINE_CAP => {
                let l = *len as usize;
                buf[l..l + add.len()].copy_from_slice(add.as_bytes());
                *len = (l + add.len()) as u8;
            }
            Text::Inline { len, buf } => {
                let old = &buf[..*len as usize];
                // Room to grow: a loop of `+=` then copies each byte a bounded number of times, as CPython's
                // resize in place does.
                let mut s = String::with_capacity(2 * (old.len() + add.len()));
                // SAFETY: the inline bytes are valid UTF-8 (copied from a `&str`).
                s.push_str(unsafe { std::str::from_utf8_unchecked(old) });
                s.push_str(add);
                inner.text = Text::Heap { s, checkpoints: OnceLock::new() };
            }
            Text::Heap { s, checkpoints } => {
                s.push_str(add);
                *checkpoints = OnceLock::new();
            }
        }
        inner.nchars += other.char_len();
        // Relaxed: nobody else can read the object (see above).
        self.hash.store(-1, Ordering::Relaxed);
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.inner().text {
            // SAFETY: the first `len` bytes were copied from a `&str`, so they are valid UTF-8.
            Text::Inline { len, buf } => unsafe { std::str::from_utf8_unchecked(buf.get_unchecked(..*len as usize)) },
            Text::Heap { s, .. } => s,
        }
    }

    /// The length in code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.nchars()
    }

    /// The length in UTF-8 bytes.
    #[inline]
    pub fn byte_len(&self) -> usize {
        match &self.inner().text {
            Text::Inline { len, .. } => *len as usize,
            Text::Heap { s, .. } => s.len(),
        }
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.nchars() == self.byte_len()
    }

    /// Whether two strs hold the same text: two known hashes that differ, or two lengths, settle it before
    /// the bytes are compared.
    #[inline]
    pub fn eq_text(&self, other: &PyStr) -> bool {
        // Relaxed: see `hash`.
        let (h1, h2) = (self.hash.load(Ordering::Relaxed), other.hash.load(Ordering::Relaxed));
        if h1 != h2 && h1 != -1 && h2 != -1 {
            return false;
        }
        self.as_str() == other.as_str()
    }

    #[inline]
    pub fn hash(&self) -> i64 {
        // Relaxed: the hash is a pure function of the immutable text, so racing writers store the same value.
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = crate::ops::hash::hash_str(self.as_str());
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// The checkpoint table of long non-ASCII heap text; `None` for text short enough to walk.
    fn checkpoints(&self) -> Option<&[usize]> {
        match &self.inner().text {
            Text::Heap { s, checkpoints } if self.nchars() > STRIDE => {
                Some(checkpoints.get_or_init(|| s.char_indices().step_by(STRIDE).map(|(b, _)| b).collect()))
            }
            _ => None,
        }
    }

    /// The code point at `index` (0-based, in range).
    pub fn char_at(&self, index: usize) -> char {
        let s = self.as_str();
        if self.is_ascii() {
            return s.as_bytes()[index] as char;
        }
        let b = self.byte_offset(index);
        s[b..].chars().next().unwrap_or('\0')
    }

    /// Byte offset of the code point at `index` (`index` may equal the length; larger indexes give the length).
    pub fn byte_offset(&self, index: usize) -> usize {
        let s = self.as_str();
        if self.is_ascii() {
            return index.min(s.len());
        }
        if index >= self.nchars() {
            return s.len();
        }
        let Some(cps) = self.checkpoints() else {
            return s.char_indices().nth(index).map_or(s.len(), |(i, _)| i);
        };
        let base = cps[index / STRIDE];
        s[base..].char_indices().nth(index % STRIDE).map_or(s.len(), |(i, _)| base + i)
    }

    /// The code-point index of the character starting at byte offset `b` (a char boundary, or the length).
    pub fn char_index(&self, b: usize) -> usize {
        let s = self.as_str();
        if self.is_ascii() {
            return b;
        }
        if b >= s.len() {
            return self.nchars();
        }
        let Some(cps) = self.checkpoints() else {
            return s[..b].chars().count();
        };
        let k = cps.partition_point(|&x| x <= b) - 1;
        k * STRIDE + s[cps[k]..b].chars().count()
    }

    /// The text between code-point indexes `start` and `end` (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        if end <= start {
            return "";
        }
        &self.as_str()[self.byte_offset(start)..self.byte_offset(end)]
    }
}

/// The shared empty string and one-character strings for code points below 256 (CPython caches the same: its
/// Latin-1 characters), made once and immortal. Iterating over text, indexing it and splitting it into
/// characters then allocates nothing, and threads share them without counting.
fn small_strs() -> &'static [Value; 257] {
    static SMALL: OnceLock<[Value; 257]> = OnceLock::new();
    SMALL.get_or_init(|| {
        std::array::from_fn(|i| {
            let p = if i == 256 {
                PyStr::from_str_len("", 0)
            } else {
                let mut b = [0u8; 4];
                PyStr::from_str_len(char::from_u32(i as u32).unwrap_or('\0').encode_utf8(&mut b), 1)
            };
            Value::Obj(ObjRef::new(&types().str, Payload::Str(p)).make_immortal())
        })
    })
}

/// The cached `str` for the code point `c`, if it is below 256.
#[inline]
pub fn char_str(c: char) -> Option<Value> {
    let i = c as usize;
    (i < 256).then(|| small_strs()[i].clone())
}

/// The character of `p` at byte offset `*pos` as a `str`, moving `*pos` past it; `None` at the end. A
/// character below U+0100 is the cached object, so iterating over most text allocates nothing.
#[inline]
pub fn char_from(p: &PyStr, pos: &mut usize) -> Option<Value> {
    let bytes = p.as_str().as_bytes();
    let b = *bytes.get(*pos)?;
    if b < 0x80 {
        *pos += 1;
        return Some(small_strs()[b as usize].clone());
    }
    let c = p.as_str()[*pos..].chars().next()?;
    *pos += c.len_utf8();
    Some(char_value(c))
}

/// The one-character `str` of `c`.
#[inline]
pub fn char_value(c: char) -> Value {
    match char_str(c) {
        Some(v) => v,
        None => {
            let mut b = [0u8; 4];
            alloc(PyStr::from_str_len(c.encode_utf8(&mut b), 1))
        }
    }
}

/// The cached empty or one-character string for `s`, if there is one.
#[inline]
fn cached(s: &str, nchars: usize) -> Option<Value> {
    match nchars {
        0 => Some(small_strs()[256].clone()),
        1 => char_str(s.chars().next().unwrap_or('\u{100}')),
        _ => None,
    }
}

#[inline]
fn alloc(p: PyStr) -> Value {
    Value::Obj(ObjRef::new(&types().str, Payload::Str(p)))
}

/// A new `str` object of `len` bytes (at most [`INLINE_CAP`]) and `nchars` code points, whose text `fill`
/// writes into the object's inline buffer: the text is copied once, straight into the new object, instead
/// of into a payload on the stack that is then moved (twice) into the heap.
///
/// # Safety
/// `fill` must fill the slice it is given with UTF-8 text of `nchars` code points.
#[inline(always)]
pub(crate) unsafe fn alloc_inline_with(len: usize, nchars: usize, fill: impl FnOnce(&mut [u8])) -> Value {
    debug_assert!(len <= INLINE_CAP);
    // SAFETY: the closure writes a whole payload (the buffer zeroed, then its first `len` bytes filled with
    // the text, as the caller guarantees).
    let o = unsafe {
        ObjRef::new_in_place(&types().str, |p| {
            p.write(Payload::Str(PyStr::make(nchars, Text::Inline { len: len as u8, buf: [0; INLINE_CAP] })));
            if let Payload::Str(s) = &mut *p {
                if let Text::Inline { buf, .. } = &mut s.inner.get_mut().text {
                    fill(&mut buf[..len]);
                }
            }
        })
    };
    Value::Obj(o)
}

/// A new `str` value.
pub fn new_str(s: &str) -> Value {
    new_str_len(s, s.chars().count())
}

/// A new `str` value copying `s`, whose length in code points is known.
#[inline]
pub fn new_str_len(s: &str, nchars: usize) -> Value {
    if let Some(v) = cached(s, nchars) {
        return v;
    }
    if s.len() <= INLINE_CAP {
        // SAFETY: `s` is UTF-8 text of `nchars` code points (the caller's promise, checked in debug builds).
        debug_assert_eq!(nchars, s.chars().count());
        return unsafe { alloc_inline_with(s.len(), nchars, |b| b.copy_from_slice(s.as_bytes())) };
    }
    alloc(PyStr::from_str_len(s, nchars))
}

/// A new `str` value that takes ownership of `s`.
pub fn new_string(s: String) -> Value {
    let n = s.chars().count();
    new_string_len(s, n)
}

/// A new `str` value whose length in code points is known.
pub fn new_string_len(s: String, nchars: usize) -> Value {
    if s.len() <= INLINE_CAP {
        return new_str_len(&s, nchars);
    }
    alloc(PyStr::with_len(s, nchars))
}

/// A new `str` value holding `piece`, a part of the text of `parent`: when the parent is ASCII, so is the
/// piece, and its length needs no counting.
#[inline]
pub fn new_piece(parent: &PyStr, piece: &str) -> Value {
    if parent.is_ascii() {
        new_str_len(piece, piece.len())
    } else {
        new_str(piece)
    }
}

/// `a += b` without a copy of `a`, when `a` is an exact `str` whose only reference is the caller's (the variable
/// being assigned) and `b` is another `str`: CPython's resize in place, which keeps a loop of `s += piece`
/// linear. Returns the (same) object, or `None` when a new string must be made.
pub fn append_in_place(a: &Value, b: &Value) -> Option<Value> {
    let Value::Obj(o) = a else { return None };
    // A count of exactly 1 (no flag bits: not immortal, never weakly referenced) means no one else holds the
    // object, so no one can observe the change; cached single characters and constants are immortal.
    if o.refcount() != 1 || !o.ty().ptr_eq(&types().str) || a.is(b) {
        return None;
    }
    let (Payload::Str(s), Some(t)) = (&o.payload, as_pystr(b)) else { return None };
    // Acquire: pairs with the Release decrement of any reference dropped before, so that its reads of the text
    // happen before this write.
    std::sync::atomic::fence(Ordering::Acquire);
    // SAFETY: the caller's reference is the only one (checked above), and `t` is a different object.
    unsafe { s.append(t) };
    Some(a.clone())
}

/// `a + b`: the length is known from the operands, and a short result is written straight into the object.
pub fn concat(a: &PyStr, b: &PyStr) -> Value {
    let (x, y) = (a.as_str(), b.as_str());
    let (len, nchars) = (x.len() + y.len(), a.char_len() + b.char_len());
    if nchars <= 1 {
        // The empty string or one character: a cached object when there is one.
        return new_str_len(if x.is_empty() { y } else { x }, nchars);
    }
    if len <= INLINE_CAP {
        // SAFETY: two whole UTF-8 texts one after the other are UTF-8, of the sum of their lengths.
        return unsafe {
            alloc_inline_with(len, nchars, |b| {
                b[..x.len()].copy_from_slice(x.as_bytes());
                b[x.len()..].copy_from_slice(y.as_bytes());
            })
        };
    }
    let mut out = String::with_capacity(len);
    out.push_str(x);
    out.push_str(y);
    new_string_len(out, nchars)
}

/// A new immortal `str`, for constants of compiled code.
pub fn new_static_str(s: &str) -> Value {
    Value::Obj(ObjRef::new(&types().str, Payload::Str(PyStr::new(s))).make_immortal())
}

/// The interned strs: one immortal object per text, shared by every module's name-like constants, the
/// evaluator's names, instance attribute layouts and `sys.intern`. Attribute sites and layouts compare names
/// by identity first, so the same name must be the same object wherever it is written: before this table,
/// `o.amount` in one module on an instance whose `__init__` (another module, or `exec`'d code such as a
/// dataclass's) stored `amount` missed its site's fast path on every access (a text search of the layout).
static INTERNED: OnceLock<parking_lot::Mutex<std::collections::HashMap<Box<str>, Value>>> = OnceLock::new();

/// The interned str for `text`: the one in the table, else `make()`'s (immortal), entered.
fn intern_with(text: &str, make: impl FnOnce() -> Value) -> Value {
    let mut t = INTERNED.get_or_init(Default::default).lock();
    if let Some(v) = t.get(text) {
        return v.clone();
    }
    let v = make();
    t.insert(text.into(), v.clone());
    v
}

/// The interned str for `s` (made immortal and entered on first use).
pub fn intern_static(s: &str) -> Value {
    intern_with(s, || new_static_str(s))
}

/// The interned str for a literal, made once per use site: a key whose hash is cached, for lookups of fixed
/// names in hot paths (`dict::get_str` hashes its text on every call).
#[macro_export]
macro_rules! interned {
    ($s:literal) => {{
        static KEY: std::sync::OnceLock<$crate::Value> = std::sync::OnceLock::new();
        KEY.get_or_init(|| $crate::builtins::str::intern_static($s))
    }};
}

/// Enters an exact str object into the interned table, or returns the one already there for its text
/// (`sys.intern`). The object becomes immortal, as CPython 3.12's interned strings are.
pub fn intern_value(v: &Value) -> Value {
    let (Some(o), Some(text)) = (v.as_obj(), v.as_str()) else { return v.clone() };
    intern_with(text, || {
        o.immortalize();
        v.clone()
    })
}

/// Whether a constant's text is interned as CPython interns code constants: non-empty, and only ASCII letters,
/// digits and underscores (identifiers, attribute names, keys written as names).
pub fn is_name_like(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A compiled constant's str: interned when name-like (see `is_name_like`), else a new immortal str.
pub fn constant_str(s: &str) -> Value {
    if is_name_like(s) {
        intern_static(s)
    } else {
        new_static_str(s)
    }
}

/// The `PyStr` of a str value, or a TypeError naming what was expected.
pub fn expect_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s),
        _ => Err(type_error(format!("{what} must be str, not {}", v.type_name()))),
    }
}

#[inline]
pub fn as_pystr(v: &Value) -> Option<&PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s),
        _ => None,
    }
}

/// Whether `v` is an instance of exactly `str` (not of a subclass).
#[inline]
pub fn is_exact_str(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if o.ty().ptr_eq(&types().str))
}

/// `v` itself when it is an exact `str`, else a plain `str` copy of its text. Methods that return their
/// receiver unchanged return an exact `str`, as CPython does for subclass instances.
pub fn exact(v: &Value, s: &PyStr) -> Value {
    if is_exact_str(v) {
        v.clone()
    } else {
        new_str_len(s.as_str(), s.char_len())
    }
}

// ---------------------------------------------------------------------------------------------------------
// Argument parsing. CPython's str methods use four calling conventions, each with its own messages; the
// receiver is `args[0]` (a method called through the type, `str.upper(x)`, passes it explicitly).

/// The receiver of a method descriptor.
#[inline]
pub(crate) fn this<'a>(name: &str, args: &'a [Value]) -> PyResult<&'a PyStr> {
    if let Some(s) = args.first().and_then(as_pystr) {
        return Ok(s);
    }
    Err(not_this(name, args))
}

/// The error of a `str` method called on something that is not a `str` (or on nothing). Out of line so that
/// the methods' receiver checks stay a few instructions: with the message formatting inlined, taking the
/// receiver cost about a hundred instructions per call.
#[cold]
#[inline(never)]
fn not_this(name: &str, args: &[Value]) -> PyErr {
    match args.first() {
        None => type_error(format!("unbound method str.{name}() needs an argument")),
        Some(v) => {
            type_error(format!("descriptor '{name}' for 'str' objects doesn't apply to a '{}' object", v.type_name()))
        }
    }
}

fn no_kwargs(name: &str, kwargs: &[(Value, Value)]) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("str.{name}() takes no keyword arguments")))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A method without arguments (METH_NOARGS).
#[inline]
pub(crate) fn noargs<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a PyStr> {
    if let ([v], []) = (args, kwargs) {
        if let Some(s) = as_pystr(v) {
            return Ok(s);
        }
    }
    Err(arity_error(name, args, kwargs, "no arguments"))
}

/// Why a call missed `noargs`/`one_arg`'s usual case: the receiver, a keyword, or the count (`takes`).
#[cold]
#[inline(never)]
fn arity_error(name: &str, args: &[Value], kwargs: &[(Value, Value)], takes: &str) -> PyErr {
    if let Err(e) = this(name, args).and_then(|_| no_kwargs(name, kwargs)) {
        return e;
    }
    type_error(format!("str.{name}() takes {takes} ({} given)", args.len() - 1))
}

/// A method with exactly one positional argument (METH_O).
#[inline]
pub(crate) fn one_arg<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(&'a PyStr, &'a Value)> {
    if let ([v, a], []) = (args, kwargs) {
        if let Some(s) = as_pystr(v) {
            return Ok((s, a));
        }
    }
    Err(arity_error(name, args, kwargs, "exactly one argument"))
}

/// Positional-only arguments parsed by Argument Clinic: `center expected at least 1 argument, got 0`.
pub(crate) fn positional<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<(&'a PyStr, &'a [Value])> {
    let s = this(name, args)?;
    no_kwargs(name, kwargs)?;
    let n = args.len() - 1;
    if n < min {
        return Err(type_error(format!("{name} expected at least {min} argument{}, got {n}", plural(min))));
    }
    if n > max {
        return Err(type_error(format!("{name} expected at most {max} argument{}, got {n}", plural(max))));
    }
    Ok((s, &args[1..]))
}

/// Positional arguments parsed by `PyArg_ParseTuple` (METH_VARARGS): `find() takes at least 1 argument (0 given)`.
pub(crate) fn varargs<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<(&'a PyStr, &'a [Value])> {
    let s = this(name, args)?;
    no_kwargs(name, kwargs)?;
    let n = args.len() - 1;
    if n < min {
        return Err(type_error(format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))));
    }
    if n > max {
        return Err(type_error(format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))));
    }
    Ok((s, &args[1..]))
}

/// Optional arguments that may be passed by keyword, parsed by Argument Clinic:
/// `'foo' is an invalid keyword argument for split()`.
/// The arguments come back in an array (no allocation per call: `split` is called in loops).
pub(crate) fn keywords<'a, const N: usize>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    names: &[&str; N],
) -> PyResult<(&'a PyStr, [Option<Value>; N])> {
    let s = this(name, args)?;
    let n = args.len() - 1;
    let total = n + kwargs.len();
    if total > N {
        return Err(type_error(format!("{name}() takes at most {N} argument{} ({total} given)", plural(N))));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|i| args.get(i + 1).cloned());
    for (k, v) in kwargs {
        let k = k.as_str().unwrap_or("");
        match names.iter().position(|x| *x == k) {
            Some(i) if i < n => {
                return Err(type_error(format!("argument for {name}() given by name ('{k}') and position ({})", i + 1)))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(type_error(format!("'{k}' is an invalid keyword argument for {name}()"))),
        }
    }
    Ok((s, out))
}

/// The arguments of a slot wrapper (`__len__`, `__add__`, ...): `expected 1 argument, got 0`.
fn wrapper<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    n: usize,
) -> PyResult<(&'a PyStr, &'a [Value])> {
    let s = match args.first() {
        None => return Err(type_error(format!("descriptor '{name}' of 'str' object needs an argument"))),
        Some(v) => as_pystr(v).ok_or_else(|| {
            type_error(format!("descriptor '{name}' requires a 'str' object but received a '{}'", v.type_name()))
        })?,
    };
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.len() - 1 != n {
        return Err(type_error(format!("expected {n} argument{}, got {}", plural(n), args.len() - 1)));
    }
    Ok((s, &args[1..]))
}

/// How Argument Clinic names the type of a bad argument: `None` itself rather than `NoneType`.
pub(crate) fn clinic_type_name(v: &Value) -> String {
    if v.is_none() {
        "None".into()
    } else {
        v.type_name()
    }
}

/// A `str` argument, with Argument Clinic's message: `replace() argument 1 must be str, not int`.
pub(crate) fn str_arg<'a>(fname: &str, pos: usize, v: &'a Value) -> PyResult<&'a PyStr> {
    as_pystr(v).ok_or_else(|| type_error(format!("{fname}() argument {pos} must be str, not {}", clinic_type_name(v))))
}

/// An argument converted with `__index__` to a C `Py_ssize_t` (widths, counts, `maxsplit`).
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C ssize_t"))
}

/// A start or end argument of the find family (`_PyEval_SliceIndex`): None, or an index clamped to the
/// `Py_ssize_t` range.
pub(crate) fn slice_index(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => return Ok(None),
        Value::Int(i) => return Ok(Some(*i)),
        _ => {}
    }
    let has_index = int::is_int(v) || (type_::type_obj(v.ty()).heap && type_::lookup(v.ty(), "__index__").is_some());
    if !has_index {
        return Err(type_error("slice indices must be integers or None or have an __index__ method"));
    }
    let i = ops::number::index(v)?;
    Ok(Some(match int::as_i64(&i) {
        Some(i) => i,
        None if ops::compare::is_negative(&i) => i64::MIN,
        None => i64::MAX,
    }))
}

/// Resolves optional start and end arguments against a length of `len` code points, as CPython's
/// `ADJUST_INDICES` does. The result may have `start > end` (an empty range that still matters for
/// empty-string searches) and `start > len`.
pub(crate) fn adjust_indices(start: Option<&Value>, end: Option<&Value>, len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let mut start = match start {
        Some(v) => slice_index(v)?.unwrap_or(0),
        None => 0,
    };
    let mut end = match end {
        Some(v) => slice_index(v)?.unwrap_or(i64::MAX),
        None => i64::MAX,
    };
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    if start < 0 {
        start = (start + len).max(0);
    }
    Ok((start as usize, end as usize))
}

// ---------------------------------------------------------------------------------------------------------
// Stripping.

/// Which ends `strip`-like methods work on.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
    Both,
}

/// The set of characters to strip, with a bitmap for ASCII ones.
struct CharSet<'a> {
    ascii: [bool; 128],
    chars: &'a str,
}

impl CharSet<'_> {
    fn new(chars: &str) -> CharSet<'_> {
        let mut ascii = [false; 128];
        for b in chars.bytes().filter(u8::is_ascii) {
            ascii[b as usize] = true;
        }
        CharSet { ascii, chars }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.chars.contains(c)
        }
    }
}

fn strip_with(text: &str, side: Side, pred: impl Fn(char) -> bool) -> &str {
    let t = if side != Side::Right { text.trim_start_matches(&pred) } else { text };
    if side != Side::Left {
        t.trim_end_matches(&pred)
    } else {
        t
    }
}

fn do_strip(name: &str, args: &[Value], kwargs: &[(Value, Value)], side: Side) -> PyResult<Value> {
    let (s, rest) = positional(name, args, kwargs, 0, 1)?;
    let text = s.as_str();
    let out = match rest.first() {
        None | Some(Value::None) => {
            if s.is_ascii() {
                let b = text.as_bytes();
                let (mut i, mut j) = (0, b.len());
                if side != Side::Right {
                    while i < j && crate::builtins::unicode::is_ascii_space(b[i]) {
                        i += 1;
                    }
                }
                if side != Side::Left {
                    while j > i && crate::builtins::unicode::is_ascii_space(b[j - 1]) {
                        j -= 1;
                    }
                }
                &text[i..j]
            } else {
                strip_with(text, side, is_space)
            }
        }
        Some(v) => {
            let Some(chars) = as_pystr(v) else {
                return Err(type_error(format!("{name} arg must be None or str")));
            };
            let set = CharSet::new(chars.as_str());
            strip_with(text, side, |c| set.contains(c))
        }
    };
    Ok(if out.len() == text.len() { exact(&args[0], s) } else { new_piece(s, out) })
}

fn m_strip(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip("strip", args, kwargs, Side::Both)
}

fn m_lstrip(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip("lstrip", args, kwargs, Side::Left)
}

fn m_rstrip(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip("rstrip", args, kwargs, Side::Right)
}

fn affix_arg<'a>(name: &str, v: &'a Value) -> PyResult<&'a str> {
    match as_pystr(v) {
        Some(p) => Ok(p.as_str()),
        None => Err(type_error(format!("{name}() argument must be str, not {}", clinic_type_name(v)))),
    }
}

fn m_removeprefix(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, p) = one_arg("removeprefix", args, kwargs)?;
    let p = affix_arg("removeprefix", p)?;
    match s.as_str().strip_prefix(p) {
        Some(rest) if !p.is_empty() => Ok(new_piece(s, rest)),
        _ => Ok(exact(&args[0], s)),
    }
}

fn m_removesuffix(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, p) = one_arg("removesuffix", args, kwargs)?;
    let p = affix_arg("removesuffix", p)?;
    match s.as_str().strip_suffix(p) {
        Some(rest) if !p.is_empty() => Ok(new_piece(s, rest)),
        _ => Ok(exact(&args[0], s)),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Padding.

/// The fill character argument of `center`, `ljust` and `rjust`.
fn fill_char(v: Option<&Value>) -> PyResult<char> {
    let Some(v) = v else { return Ok(' ') };
    let Some(p) = as_pystr(v) else {
        return Err(type_error(format!("The fill character must be a unicode character, not {}", v.type_name())));
    };
    if p.char_len() != 1 {
        return Err(type_error("The fill character must be exactly one character long"));
    }
    Ok(p.char_at(0))
}

/// `text` with `left` and `right` fill characters around it.
fn padded(s: &PyStr, left: usize, right: usize, fill: char) -> PyResult<Value> {
    let n = left + right;
    let bytes = s.as_str().len().checked_add(n.saturating_mul(fill.len_utf8()));
    if bytes.is_none_or(|b| b > isize::MAX as usize / 2) {
        return Err(PyErr::new(ExcKind::OverflowError, "padded string is too long"));
    }
    let mut out = String::with_capacity(bytes.unwrap_or(0));
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_string_len(out, s.char_len() + n))
}

fn pad_args<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<(&'a PyStr, usize, char)> {
    let (s, rest) = positional(name, args, kwargs, 1, 2)?;
    let width = ssize_arg(&rest[0])?;
    let fill = fill_char(rest.get(1))?;
    Ok((s, width.max(0) as usize, fill))
}

fn m_center(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, width, fill) = pad_args("center", args, kwargs)?;
    let len = s.char_len();
    if len >= width {
        return Ok(exact(&args[0], s));
    }
    let marg = width - len;
    // CPython's rounding: the odd extra character goes left only when both the margin and the width are odd.
    let left = marg / 2 + (marg & width & 1);
    padded(s, left, marg - left, fill)
}

fn m_ljust(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, width, fill) = pad_args("ljust", args, kwargs)?;
    match width.checked_sub(s.char_len()) {
        Some(n) if n > 0 => padded(s, 0, n, fill),
        _ => Ok(exact(&args[0], s)),
    }
}

fn m_rjust(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, width, fill) = pad_args("rjust", args, kwargs)?;
    match width.checked_sub(s.char_len()) {
        Some(n) if n > 0 => padded(s, n, 0, fill),
        _ => Ok(exact(&args[0], s)),
    }
}

fn m_zfill(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, w) = one_arg("zfill", args, kwargs)?;
    let width = ssize_arg(w)?.max(0) as usize;
    let len = s.char_len();
    if len >= width {
        return Ok(exact(&args[0], s));
    }
    let fill = width - len;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len() + fill);
    // A leading sign stays in front of the zeros.
    let body = match text.as_bytes().first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c as char);
            &text[1..]
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(body);
    Ok(new_string_len(out, width))
}

fn m_expandtabs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords("expandtabs", args, kwargs, &["tabsize"])?;
    let tabsize = match &a[0] {
        None => 8,
        Some(v) => {
            let t = ops::number::index(v)?;
            match int::as_i64(&t).filter(|t| i32::try_from(*t).is_ok()) {
                Some(t) => t,
                None => return Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C int")),
            }
        }
    };
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(exact(&args[0], s));
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut col: i64 = 0;
    let mut n = 0usize;
    for c in text.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let incr = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', incr as usize));
                    col += incr;
                    n += incr as usize;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
                n += 1;
            }
            c => {
                out.push(c);
                col += 1;
                n += 1;
            }
        }
    }
    Ok(new_string_len(out, n))
}

// ---------------------------------------------------------------------------------------------------------
// translate and maketrans.

/// What a translation table says about one character.
enum Mapped {
    Keep,
    Delete,
    Char(char),
    Text(Value),
}

/// Looks `c` up in a translation table (`table[ord(c)]`): a missing key (LookupError) keeps the character.
fn translate_lookup(table: &Value, c: char) -> PyResult<Mapped> {
    let item = match ops::subscript::getitem(table, &Value::Int(c as i64)) {
        Ok(v) => v,
        Err(e) if e.matches(ExcKind::LookupError) => return Ok(Mapped::Keep),
        Err(e) => return Err(e),
    };
    if item.is_none() {
        return Ok(Mapped::Delete);
    }
    if int::is_int(&item) {
        return match int::as_i64(&item) {
            Some(i) if (0..0x110000).contains(&i) => {
                Ok(Mapped::Char(char::from_u32(i as u32).unwrap_or(char::REPLACEMENT_CHARACTER)))
            }
            Some(_) => Err(value_error("character mapping must be in range(0x110000)")),
            None => Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C long")),
        };
    }
    if as_pystr(&item).is_some() {
        return Ok(Mapped::Text(item));
    }
    Err(type_error("character mapping must return integer, None or str"))
}

fn m_translate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, table) = one_arg("translate", args, kwargs)?;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len());
    // CPython caches the lookups of ASCII characters while every result is itself ASCII (and stops caching for
    // good at the first other result); a table with side effects sees the same calls.
    let mut cache: [Option<Option<u8>>; 128] = [None; 128];
    let mut caching = s.is_ascii();
    for c in text.chars() {
        if caching {
            let slot = c as usize;
            if let Some(hit) = cache[slot] {
                if let Some(b) = hit {
                    out.push(b as char);
                }
                continue;
            }
        }
        let m = translate_lookup(table, c)?;
        if caching {
            let entry = match &m {
                Mapped::Keep => Some(Some(c as u8)),
                Mapped::Delete => Some(None),
                Mapped::Char(r) if r.is_ascii() => Some(Some(*r as u8)),
                Mapped::Text(t) => match as_pystr(t) {
                    Some(p) if p.char_len() == 1 && p.is_ascii() => Some(Some(p.as_str().as_bytes()[0])),
                    _ => None,
                },
                Mapped::Char(_) => None,
            };
            match entry {
                Some(e) => cache[c as usize] = Some(e),
                None => caching = false,
            }
        }
        match m {
            Mapped::Keep => out.push(c),
            Mapped::Delete => {}
            Mapped::Char(r) => out.push(r),
            Mapped::Text(t) => out.push_str(t.as_str().unwrap_or("")),
        }
    }
    Ok(new_string(out))
}

/// `str.maketrans(x[, y[, z]])`, a static method.
fn m_maketrans(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("str.maketrans() takes no keyword arguments"));
    }
    match args.len() {
        0 => return Err(type_error("maketrans expected at least 1 argument, got 0")),
        n if n > 3 => return Err(type_error(format!("maketrans expected at most 3 arguments, got {n}"))),
        _ => {}
    }
    let y = args.get(1).map(|y| str_arg("maketrans", 2, y)).transpose()?;
    let z = args.get(2).map(|z| str_arg("maketrans", 3, z)).transpose()?;
    let out = dict::new_dict_obj();
    let Some(y) = y else {
        let Some(Payload::Dict(_)) = args[0].payload() else {
            return Err(type_error("if you give only one argument to maketrans it must be a dict"));
        };
        for (k, v) in dict::items(args[0].as_obj().expect("dict")) {
            let key = if let Some(p) = as_pystr(&k) {
                if p.char_len() != 1 {
                    return Err(value_error("string keys in translate table must be of length 1"));
                }
                Value::Int(p.char_at(0) as i64)
            } else if int::is_int(&k) {
                k
            } else {
                return Err(type_error("keys in translate table must be strings or integers"));
            };
            dict::set(&out, key, v)?;
        }
        return Ok(Value::Obj(out));
    };
    let Some(x) = as_pystr(&args[0]) else {
        return Err(type_error("first maketrans argument must be a string if there is a second argument"));
    };
    if x.char_len() != y.char_len() {
        return Err(value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.as_str().chars().zip(y.as_str().chars()) {
        dict::set(&out, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = z {
        for c in z.as_str().chars() {
            dict::set(&out, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Obj(out))
}

// ---------------------------------------------------------------------------------------------------------
// Dunder methods. They delegate to the generic operations, on an exact `str` so that a subclass overriding the
// dunder and calling `str.__x__(self)` does not come back to its own override.

fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

fn d_len(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper("__len__", args, kwargs, 0)?;
    Ok(Value::Int(s.char_len() as i64))
}

fn d_contains(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper("__contains__", args, kwargs, 1)?;
    Ok(Value::Bool(ops::compare::contains(&exact(&args[0], s), &a[0])?))
}

fn d_getitem(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper("__getitem__", args, kwargs, 1)?;
    if !int::is_int(&a[0]) && !matches!(a[0].payload(), Some(Payload::Slice(_))) {
        let has_index = type_::type_obj(a[0].ty()).heap && type_::lookup(a[0].ty(), "__index__").is_some();
        if !has_index {
            return Err(type_error(format!("string indices must be integers, not '{}'", a[0].type_name())));
        }
    }
    ops::subscript::getitem(&exact(&args[0], s), &a[0])
}

fn d_add(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper("__add__", args, kwargs, 1)?;
    if as_pystr(&a[0]).is_none() {
        return Err(type_error(format!("can only concatenate str (not \"{}\") to str", a[0].type_name())));
    }
    ops::number::add(&exact(&args[0], s), &exact(&a[0], as_pystr(&a[0]).expect("str")))
}

fn repeat(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(name, args, kwargs, 1)?;
    let n = ops::number::index(&a[0])?;
    let Some(n) = int::as_i64(&n) else {
        return Err(PyErr::new(ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"));
    };
    ops::number::binop(&exact(&args[0], s), &Value::Int(n), ops::number::BinOp::Mul)
}

fn d_mul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    repeat("__mul__", args, kwargs)
}

fn d_rmul(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    repeat("__rmul__", args, kwargs)
}

fn d_mod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper("__mod__", args, kwargs, 1)?;
    ops::format::percent_format(&exact(&args[0], s), &a[0])
}

fn d_rmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, a) = wrapper("__rmod__", args, kwargs, 1)?;
    match as_pystr(&a[0]) {
        Some(f) => ops::format::percent_format(&exact(&a[0], f), &args[0]),
        None => Ok(not_implemented()),
    }
}

fn compare(
    name: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    holds: fn(std::cmp::Ordering) -> bool,
) -> PyResult<Value> {
    let (s, a) = wrapper(name, args, kwargs, 1)?;
    match as_pystr(&a[0]) {
        // UTF-8 byte order is code-point order, which is how CPython compares strings.
        Some(t) => Ok(Value::Bool(holds(s.as_str().cmp(t.as_str())))),
        None => Ok(not_implemented()),
    }
}

fn d_eq(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__eq__", args, kwargs, |o| o.is_eq())
}

fn d_ne(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__ne__", args, kwargs, |o| o.is_ne())
}

fn d_lt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__lt__", args, kwargs, |o| o.is_lt())
}

fn d_le(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__le__", args, kwargs, |o| o.is_le())
}

fn d_gt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__gt__", args, kwargs, |o| o.is_gt())
}

fn d_ge(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare("__ge__", args, kwargs, |o| o.is_ge())
}

fn d_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper("__hash__", args, kwargs, 0)?;
    Ok(Value::Int(s.hash()))
}

fn d_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper("__repr__", args, kwargs, 0)?;
    Ok(new_string(ops::format::str_repr(s.as_str())))
}

fn d_str(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper("__str__", args, kwargs, 0)?;
    Ok(exact(&args[0], s))
}

fn d_iter(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper("__iter__", args, kwargs, 0)?;
    ops::iter::iter(&exact(&args[0], s))
}

fn d_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, spec) = one_arg("__format__", args, kwargs)?;
    let Some(spec) = as_pystr(spec) else {
        return Err(type_error(format!("__format__() argument must be str, not {}", clinic_type_name(spec))));
    };
    Ok(new_string(ops::format::format(&exact(&args[0], s), spec.as_str())?))
}

fn d_getnewargs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("__getnewargs__", args, kwargs)?;
    Ok(crate::builtins::tuple::new_tuple_array([new_piece(s, s.as_str())]))
}

fn d_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("__sizeof__", args, kwargs)?;
    // CPython's compact layouts: ASCII text after a 40-byte header, other text after 56 bytes at 1, 2 or 4
    // bytes per code point, each with a terminating NUL.
    // NOTE: CPython also counts its cached UTF-8 copy of non-ASCII text once something has asked for it.
    let n = s.char_len();
    let size = if s.is_ascii() {
        40 + n + 1
    } else {
        let width = match s.as_str().chars().map(|c| c as u32).max().unwrap_or(0) {
            0..=0xff => 1,
            0x100..=0xffff => 2,
            _ => 4,
        };
        56 + width * (n + 1)
    };
    Ok(Value::Int(size as i64))
}

/// Methods of `str`.
const METHODS: &[(&str, NativeFn)] = &[
    ("capitalize", str_case::m_capitalize),
    ("casefold", str_case::m_casefold),
    ("center", m_center),
    ("count", str_search::m_count),
    ("encode", str_codec::m_encode),
    ("endswith", str_search::m_endswith),
    ("expandtabs", m_expandtabs),
    ("find", str_search::m_find),
    ("format", str_format::m_format),
    ("format_map", str_format::m_format_map),
    ("index", str_search::m_index),
    ("isalnum", str_case::m_isalnum),
    ("isalpha", str_case::m_isalpha),
    ("isascii", str_case::m_isascii),
    ("isdecimal", str_case::m_isdecimal),
    ("isdigit", str_case::m_isdigit),
    ("isidentifier", str_case::m_isidentifier),
    ("islower", str_case::m_islower),
    ("isnumeric", str_case::m_isnumeric),
    ("isprintable", str_case::m_isprintable),
    ("isspace", str_case::m_isspace),
    ("istitle", str_case::m_istitle),
    ("isupper", str_case::m_isupper),
    ("join", str_split::m_join),
    ("ljust", m_ljust),
    ("lower", str_case::m_lower),
    ("lstrip", m_lstrip),
    ("partition", str_split::m_partition),
    ("removeprefix", m_removeprefix),
    ("removesuffix", m_removesuffix),
    ("replace", str_search::m_replace),
    ("rfind", str_search::m_rfind),
    ("rindex", str_search::m_rindex),
    ("rjust", m_rjust),
    ("rpartition", str_split::m_rpartition),
    ("rsplit", str_split::m_rsplit),
    ("rstrip", m_rstrip),
    ("split", str_split::m_split),
    ("splitlines", str_split::m_splitlines),
    ("startswith", str_search::m_startswith),
    ("strip", m_strip),
    ("swapcase", str_case::m_swapcase),
    ("title", str_case::m_title),
    ("translate", m_translate),
    ("upper", str_case::m_upper),
    ("zfill", m_zfill),
    ("__len__", d_len),
    ("__contains__", d_contains),
    ("__getitem__", d_getitem),
    ("__add__", d_add),
    ("__mul__", d_mul),
    ("__rmul__", d_rmul),
    ("__mod__", d_mod),
    ("__rmod__", d_rmod),
    ("__eq__", d_eq),
    ("__ne__", d_ne),
    ("__lt__", d_lt),
    ("__le__", d_le),
    ("__gt__", d_gt),
    ("__ge__", d_ge),
    ("__hash__", d_hash),
    ("__repr__", d_repr),
    ("__str__", d_str),
    ("__iter__", d_iter),
    ("__format__", d_format),
    ("__getnewargs__", d_getnewargs),
    ("__sizeof__", d_sizeof),
];

pub fn register() {
    let t = &types().str;
    crate::builtins::add_methods(t, METHODS);
    // `maketrans` is a static method: found on the type or an instance, it is called without a receiver.
    let f = new_builtin("maketrans", m_maketrans, None);
    let sm = ObjRef::new(&types().staticmethod, Payload::Descriptor(DescriptorObj::StaticMethod(f))).make_immortal();
    dict::set_str(&type_::type_obj(t).dict, "maketrans", Value::Obj(sm));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_convert_between_code_points_and_bytes() {
        let text: String = (0..300).map(|i| if i % 3 == 0 { 'é' } else { 'a' }).collect();
        let s = PyStr::new(&text);
        for i in [0, 1, 63, 64, 65, 128, 200, 299, 300] {
            let b = text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
            assert_eq!(s.byte_offset(i), b, "index {i}");
            assert_eq!(s.char_index(b), i, "byte {b}");
        }
        assert_eq!(s.char_at(3), 'é');
        assert_eq!(s.slice(2, 4), "aé");
        let a = PyStr::new("hello");
        assert_eq!((a.byte_offset(9), a.char_index(2), a.slice(1, 3)), (5, 2, "el"));
    }

    #[test]
    fn strip_sides() {
        assert_eq!(strip_with("xxhixx", Side::Both, |c| c == 'x'), "hi");
        assert_eq!(strip_with("xxhixx", Side::Left, |c| c == 'x'), "hixx");
        assert_eq!(strip_with("xxhixx", Side::Right, |c| c == 'x'), "xxhi");
        let set = CharSet::new("aé");
        assert_eq!(strip_with("éabcaé", Side::Both, |c| set.contains(c)), "bc");
    }
}
