//! `bytes`, and everything `bytes` and `bytearray` share: the receiver and argument conventions of their
//! methods (each of CPython's calling conventions has its own messages), access to any bytes-like object
//! (`bytes`, `bytearray`, `memoryview`), the constructors, the dunder methods, comparisons, and the method
//! tables of both types.
//!
//! A method shared by both types is written once as `fn(Kind, args, kwargs)`; the tables bind it to each type
//! with the [`Kind`] that says which type the method was looked up on, so `bytes.upper(bytearray())` is
//! refused as CPython refuses it and results are built as the receiver's type. The method families live in
//! submodules: `bytes/case.rs` (ASCII case mappings and the `is*` predicates), `bytes/search.rs` (find, count,
//! replace, startswith, ...), `bytes/split.rs` (split, partition, join), `bytes/transform.rs` (strip, padding,
//! translate, decode, hex/fromhex) and `bytes/percent.rs` (`b'...' % args`). The mutating methods of
//! `bytearray` are in `bytearray.rs`, and `memoryview` in `memoryview.rs`.

mod case;
mod percent;
mod search;
mod split;
pub(crate) mod transform;

use std::borrow::Cow;

use parking_lot::Mutex;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::iter::{new_iter, NativeIter};
use crate::builtins::{bytearray, int, list, memoryview, str as pystr, str_codec, tuple, type_, types};
use crate::error::{index_error, type_error, value_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::compare::CmpOp;
use crate::Value;

pub use percent::percent_format;

/// Which of the two byte-string types a shared method was looked up on, and so which type it builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }

    /// A new object of this kind holding `data`.
    pub fn make(self, data: Vec<u8>) -> Value {
        match self {
            Kind::Bytes => new_bytes_vec(data),
            Kind::ByteArray => bytearray::new_bytearray(data),
        }
    }

    /// The kind of a `bytes` or `bytearray` value (subclasses included).
    pub fn of(v: &Value) -> Option<Kind> {
        match v.payload() {
            Some(Payload::Bytes(_)) => Some(Kind::Bytes),
            Some(Payload::ByteArray(_)) => Some(Kind::ByteArray),
            _ => None,
        }
    }
}

pub fn new_bytes(b: &[u8]) -> Value {
    Value::Obj(ObjRef::new(&types().bytes, Payload::Bytes(b.into())))
}

/// A new `bytes` value that takes ownership of `b`.
pub fn new_bytes_vec(b: Vec<u8>) -> Value {
    Value::Obj(ObjRef::new(&types().bytes, Payload::Bytes(b.into_boxed_slice())))
}

/// Whether `v` is an instance of exactly `bytes`.
fn is_exact_bytes(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if o.ty().ptr_eq(&types().bytes))
}

/// The contents of a bytes-like object (`bytes`, `bytearray`, `memoryview`): borrowed from a `bytes`, a
/// snapshot of the others (so no lock is held while the caller runs Python code). `None` for other objects.
// NOTE: only these three types are bytes-like; CPython also reads `array.array`, `mmap` and classes that
// define `__buffer__` (PEP 688) through the buffer protocol.
pub fn buffer(v: &Value) -> PyResult<Option<Cow<'_, [u8]>>> {
    Ok(match v.payload() {
        Some(Payload::Bytes(b)) => Some(Cow::Borrowed(&b[..])),
        Some(Payload::ByteArray(b)) => Some(Cow::Owned(b.read().clone())),
        Some(Payload::MemoryView(m)) => Some(Cow::Owned(m.to_bytes()?)),
        _ => None,
    })
}

/// Whether `v` supports the buffer protocol (is bytes-like).
pub fn is_buffer(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::MemoryView(_)))
}

/// The contents of a bytes-like argument, with CPython's `Py_buffer` converter message.
pub(crate) fn buffer_arg(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    match buffer(v)? {
        Some(b) => Ok(b),
        None => Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// The receiver and argument parsing. The receiver is `args[0]` (a method called through the type,
// `bytes.upper(x)`, passes it explicitly).

/// The receiver of a shared method: the object, a view of its contents, and its kind.
pub(crate) struct This<'a> {
    pub v: &'a Value,
    pub data: Cow<'a, [u8]>,
    pub kind: Kind,
}

impl This<'_> {
    /// What a method returns when nothing changes: the receiver itself when it is an exact `bytes` (immutable,
    /// so sharing it is invisible), else a new object of the kind (a `bytearray` result is always new, and
    /// subclasses give their base type).
    pub fn unchanged(&self) -> Value {
        if self.kind == Kind::Bytes && is_exact_bytes(self.v) {
            self.v.clone()
        } else {
            self.kind.make(self.data.to_vec())
        }
    }

    /// A new object of the receiver's kind holding `piece`, a part of its contents (the receiver itself when
    /// the piece is the whole of an exact `bytes`).
    pub fn piece(&self, piece: &[u8]) -> Value {
        if piece.len() == self.data.len() {
            self.unchanged()
        } else {
            self.kind.make(piece.to_vec())
        }
    }
}

/// The receiver of a method descriptor of `k`, checked but not read (the mutating methods of `bytearray`
/// need no snapshot of the contents).
pub(crate) fn this_value<'a>(k: Kind, name: &str, args: &'a [Value]) -> PyResult<&'a Value> {
    let Some(v) = args.first() else {
        return Err(type_error(format!("unbound method {}.{name}() needs an argument", k.name())));
    };
    if Kind::of(v) != Some(k) {
        return Err(type_error(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            k.name(),
            v.type_name()
        )));
    }
    Ok(v)
}

/// The receiver of a method descriptor of `k`, with a view of its contents.
pub(crate) fn this<'a>(k: Kind, name: &str, args: &'a [Value]) -> PyResult<This<'a>> {
    let v = this_value(k, name, args)?;
    let data = match v.payload() {
        Some(Payload::Bytes(b)) => Cow::Borrowed(&b[..]),
        Some(Payload::ByteArray(b)) => Cow::Owned(b.read().clone()),
        _ => unreachable!("receiver checked by this_value"),
    };
    Ok(This { v, data, kind: k })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn no_kwargs(k: Kind, name: &str, kwargs: &[(Value, Value)]) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{}.{name}() takes no keyword arguments", k.name())))
    }
}

/// A method without arguments (METH_NOARGS): the receiver, unread.
pub(crate) fn noargs_value<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<&'a Value> {
    let v = this_value(k, name, args)?;
    no_kwargs(k, name, kwargs)?;
    if args.len() != 1 {
        return Err(type_error(format!("{}.{name}() takes no arguments ({} given)", k.name(), args.len() - 1)));
    }
    Ok(v)
}

/// A method without arguments (METH_NOARGS).
pub(crate) fn noargs<'a>(k: Kind, name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<This<'a>> {
    noargs_value(k, name, args, kwargs)?;
    this(k, name, args)
}

/// A method with exactly one positional argument (METH_O): the receiver, unread, and the argument.
pub(crate) fn one_arg_value<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(&'a Value, &'a Value)> {
    let v = this_value(k, name, args)?;
    no_kwargs(k, name, kwargs)?;
    if args.len() != 2 {
        return Err(type_error(format!("{}.{name}() takes exactly one argument ({} given)", k.name(), args.len() - 1)));
    }
    Ok((v, &args[1]))
}

/// A method with exactly one positional argument (METH_O).
pub(crate) fn one_arg<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(This<'a>, &'a Value)> {
    let (_, x) = one_arg_value(k, name, args, kwargs)?;
    Ok((this(k, name, args)?, x))
}

/// The count check of positional-only arguments parsed by Argument Clinic: `center expected at least 1
/// argument, got 0`, `insert expected 2 arguments, got 1`.
pub(crate) fn clinic_count(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if min == max && n != min {
        return Err(type_error(format!("{name} expected {min} argument{}, got {n}", plural(min))));
    }
    if n < min {
        return Err(type_error(format!("{name} expected at least {min} argument{}, got {n}", plural(min))));
    }
    if n > max {
        return Err(type_error(format!("{name} expected at most {max} argument{}, got {n}", plural(max))));
    }
    Ok(())
}

/// Positional-only arguments parsed by Argument Clinic.
pub(crate) fn positional<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<(This<'a>, &'a [Value])> {
    let s = this(k, name, args)?;
    no_kwargs(k, name, kwargs)?;
    clinic_count(name, args.len() - 1, min, max)?;
    Ok((s, &args[1..]))
}

/// Positional arguments parsed by `PyArg_ParseTuple` (METH_VARARGS): `find() takes at least 1 argument (0
/// given)`.
pub(crate) fn varargs<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<(This<'a>, &'a [Value])> {
    let s = this(k, name, args)?;
    if !kwargs.is_empty() {
        // NOTE: this is the message of a direct call (`b.find(x=1)`); through a bound method object
        // (`f = b.find; f(x=1)`) CPython says `find() takes no keyword arguments`.
        return Err(type_error(format!("{}.{name}() takes no keyword arguments", k.name())));
    }
    let n = args.len() - 1;
    if n < min {
        return Err(type_error(format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))));
    }
    if n > max {
        return Err(type_error(format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))));
    }
    Ok((s, &args[1..]))
}

/// Binds positional and keyword arguments to `names` as Argument Clinic does for functions whose
/// parameters may be passed by keyword: `'foo' is an invalid keyword argument for split()`.
pub(crate) fn bind_keywords(
    fname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
) -> PyResult<Vec<Option<Value>>> {
    let n = args.len();
    let total = n + kwargs.len();
    if total > names.len() {
        let m = names.len();
        return Err(type_error(format!("{fname}() takes at most {m} argument{} ({total} given)", plural(m))));
    }
    let mut out: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (key, v) in kwargs {
        let key = key.as_str().unwrap_or("");
        match names.iter().position(|x| *x == key) {
            Some(i) if i < n => {
                return Err(type_error(format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(type_error(format!("'{key}' is an invalid keyword argument for {fname}()"))),
        }
    }
    Ok(out)
}

/// A method whose optional arguments may be passed by keyword.
pub(crate) fn keywords<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
) -> PyResult<(This<'a>, Vec<Option<Value>>)> {
    let s = this(k, name, args)?;
    let a = bind_keywords(name, &args[1..], kwargs, names)?;
    Ok((s, a))
}

/// The arguments of a slot wrapper (`__len__`, `__add__`, ...): `expected 1 argument, got 0`.
fn wrapper<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    n: usize,
) -> PyResult<(This<'a>, &'a [Value])> {
    let Some(v) = args.first() else {
        return Err(type_error(format!("descriptor '{name}' of '{}' object needs an argument", k.name())));
    };
    if Kind::of(v) != Some(k) {
        return Err(type_error(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            k.name(),
            v.type_name()
        )));
    }
    let s = this(k, name, args)?;
    if !kwargs.is_empty() {
        return Err(type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.len() - 1 != n {
        return Err(slot_count_error(name, n, args.len() - 1));
    }
    Ok((s, &args[1..]))
}

/// The message for a slot wrapper called with `got` arguments instead of `n`: the wrappers that unpack their
/// arguments with `PyArg_UnpackTuple(args, "", ...)` (`__mul__`, `__setitem__`, ...) print an empty function
/// name before it.
pub(crate) fn slot_count_error(name: &str, n: usize, got: usize) -> PyErr {
    let lead = if matches!(name, "__mul__" | "__rmul__" | "__imul__" | "__setitem__") { " " } else { "" };
    type_error(format!("{lead}expected {n} argument{}, got {got}", plural(n)))
}

/// An argument converted with `__index__` to a `Py_ssize_t` (widths, counts).
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    pystr::ssize_arg(v)
}

/// `PyNumber_AsSsize_t(v, NULL)`: the index value of `v`, clamped to the `Py_ssize_t` range.
pub(crate) fn clamped_index(v: &Value) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let i = ops::number::index(v)?;
    Ok(match int::as_i64(&i) {
        Some(i) => i,
        None if ops::compare::is_negative(&i) => i64::MIN,
        None => i64::MAX,
    })
}

/// Whether `v` has an `__index__` (`_PyIndex_Check`): ints, and classes that define it.
pub(crate) fn has_index(v: &Value) -> bool {
    int::is_int(v) || (type_::type_obj(v.ty()).heap && type_::lookup(v.ty(), "__index__").is_some())
}

/// A byte value for `append`, `insert`, item assignment and `in` (`_getbytevalue`).
pub(crate) fn byte_value(v: &Value) -> PyResult<u8> {
    let i = clamped_index(v)?;
    u8::try_from(i).map_err(|_| value_error("byte must be in range(0, 256)"))
}

// ---------------------------------------------------------------------------------------------------------
// Constructors.

/// `bytes(...)`, `bytearray(...)` and `memoryview(...)`: the constructors this file and its siblings provide
/// to `construct_builtin`.
pub fn constructor_for(ty: &ObjRef) -> Option<NativeFn> {
    let t = types();
    if ty.ptr_eq(&t.bytes) {
        Some(construct_bytes)
    } else if ty.ptr_eq(&t.bytearray) {
        Some(bytearray::construct_bytearray)
    } else if ty.ptr_eq(memoryview::memoryview_type()) {
        Some(memoryview::construct_memoryview)
    } else {
        None
    }
}

/// The text of the optional `encoding`/`errors` arguments of the constructors.
fn codec_arg(fname: &str, name: &str, v: &Option<Value>) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => Ok(Some(s.to_string())),
            None => {
                Err(type_error(format!("{fname}() argument '{name}' must be str, not {}", pystr::clinic_type_name(v))))
            }
        },
    }
}

/// `str.encode(encoding, errors)` for the constructors.
pub(crate) fn encode_str(x: &Value, encoding: &str, errors: Option<&str>) -> PyResult<Vec<u8>> {
    let s = pystr::as_pystr(x).expect("str argument");
    let Some(codec) = str_codec::lookup(encoding) else {
        return crate::modules::codecs::registry_encode(x, encoding, errors.unwrap_or("strict"));
    };
    str_codec::encode(codec, x, s, errors.unwrap_or("strict"))
}

/// `n` zero bytes, for `bytes(n)` and `bytearray(n)`: MemoryError rather than an abort when they cannot be
/// allocated.
pub(crate) fn zeros(n: i64) -> PyResult<Vec<u8>> {
    if n < 0 {
        return Err(value_error("negative count"));
    }
    let mut v = Vec::new();
    if v.try_reserve_exact(n as usize).is_err() {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    v.resize(n as usize, 0);
    Ok(v)
}

/// The bytes of an iterable of ints in range(256) (`_PyBytes_FromIterator` and `bytearray`'s loop); `None`
/// when `v` is not iterable. `kind` picks the message for an out-of-range value.
pub(crate) fn from_iterable(v: &Value, kind: Kind) -> PyResult<Option<Vec<u8>>> {
    let items = match v.payload() {
        Some(Payload::List(l)) if !type_::type_obj(v.ty()).heap => l.read().clone(),
        Some(Payload::Tuple(t)) if !type_::type_obj(v.ty()).heap => t.to_vec(),
        _ => {
            let it = match ops::iter::iter(v) {
                Ok(it) => it,
                Err(e) if e.matches(ExcKind::TypeError) => return Ok(None),
                Err(e) => return Err(e),
            };
            let mut out = Vec::new();
            while let Some(x) = ops::iter::next(&it)? {
                out.push(item_byte(&x, kind)?);
            }
            return Ok(Some(out));
        }
    };
    items.iter().map(|x| item_byte(x, kind)).collect::<PyResult<Vec<u8>>>().map(Some)
}

fn item_byte(x: &Value, kind: Kind) -> PyResult<u8> {
    let i = clamped_index(x)?;
    u8::try_from(i).map_err(|_| {
        value_error(match kind {
            Kind::Bytes => "bytes must be in range(0, 256)",
            Kind::ByteArray => "byte must be in range(0, 256)",
        })
    })
}

/// `bytes(source=b'', encoding=None, errors=None)`: CPython's `bytes_new_impl`.
fn construct_bytes(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind_keywords("bytes", args, kwargs, &["source", "encoding", "errors"])?;
    let encoding = codec_arg("bytes", "encoding", &a[1])?;
    let errors = codec_arg("bytes", "errors", &a[2])?;
    let Some(x) = &a[0] else {
        if encoding.is_some() || errors.is_some() {
            return Err(type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(new_bytes(b""));
    };
    if let Some(enc) = &encoding {
        if pystr::as_pystr(x).is_none() {
            return Err(type_error("encoding without a string argument"));
        }
        return Ok(new_bytes_vec(encode_str(x, enc, errors.as_deref())?));
    }
    if errors.is_some() {
        return Err(type_error(if pystr::as_pystr(x).is_some() {
            "string argument without an encoding"
        } else {
            "errors without a string argument"
        }));
    }
    // `__bytes__` first (a class's own, or a bytes subclass overriding it).
    if let Some(f) = type_::lookup(x.ty(), "__bytes__") {
        let native = matches!(f.payload(), Some(Payload::BuiltinFunction(b)) if b.owner.as_ref().is_some_and(|o| o.ptr_eq(&types().bytes)));
        if !native {
            let r = ops::call::call_with_self(&f, x, &[], &[])?;
            return match r.payload() {
                Some(Payload::Bytes(_)) if is_exact_bytes(&r) => Ok(r.clone()),
                Some(Payload::Bytes(b)) => Ok(new_bytes(b)),
                _ => Err(type_error(format!("__bytes__ returned non-bytes (type {})", r.type_name()))),
            };
        }
    }
    if pystr::as_pystr(x).is_some() {
        return Err(type_error("string argument without an encoding"));
    }
    Ok(new_bytes_vec(bytes_from_object(x, Kind::Bytes)?))
}

/// The contents `bytes(x)`/`bytearray(x)` make of a non-str `x`: a count of zero bytes, a copy of a
/// bytes-like object, or an iterable of ints.
pub(crate) fn bytes_from_object(x: &Value, kind: Kind) -> PyResult<Vec<u8>> {
    if has_index(x) {
        let n = ops::number::index(x)?;
        let Some(n) = int::as_i64(&n) else {
            return Err(PyErr::new(ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"));
        };
        return zeros(n);
    }
    if let Some(b) = buffer(x)? {
        return Ok(b.into_owned());
    }
    match from_iterable(x, kind)? {
        Some(b) => Ok(b),
        None => Err(type_error(format!("cannot convert '{}' object to {}", x.type_name(), kind.name()))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Operations on contents, shared by the dunder methods and the generic operations of `ops`.

/// `data[key]` for a `bytes` (`Kind::Bytes`) or `bytearray`: an int, or a new object of the kind for a slice.
pub fn getitem(kind: Kind, data: &[u8], key: &Value) -> PyResult<Value> {
    if let Some(Payload::Slice(sl)) = key.payload() {
        let (start, _stop, step, n) = sl.indices(data.len() as i64)?;
        if step == 1 {
            let a = start.max(0) as usize;
            return Ok(kind.make(data[a..a + n.max(0) as usize].to_vec()));
        }
        let out: Vec<u8> = (0..n).map(|k| data[(start + k * step) as usize]).collect();
        return Ok(kind.make(out));
    }
    let what = match kind {
        Kind::Bytes => "byte indices",
        Kind::ByteArray => "bytearray indices",
    };
    let i = ops::number::index_i64(key, what)?;
    let len = data.len() as i64;
    let j = if i < 0 { i + len } else { i };
    if !(0..len).contains(&j) {
        return Err(index_error(match kind {
            Kind::Bytes => "index out of range",
            Kind::ByteArray => "bytearray index out of range",
        }));
    }
    Ok(Value::Int(data[j as usize] as i64))
}

/// `data + other` for a `bytes` or `bytearray` on the left: any bytes-like object on the right.
pub fn concat(kind: Kind, data: &[u8], other: &Value) -> PyResult<Value> {
    // Any failure to read the right operand (a released memoryview too) is reported as CPython does.
    let Ok(Some(b)) = buffer(other) else {
        return Err(type_error(format!("can't concat {} to {}", other.type_name(), kind.name())));
    };
    let mut out = Vec::with_capacity(data.len() + b.len());
    out.extend_from_slice(data);
    out.extend_from_slice(&b);
    Ok(kind.make(out))
}

/// `data * n` (a negative `n` is zero).
pub fn repeat(kind: Kind, data: &[u8], n: i64) -> PyResult<Value> {
    let n = n.max(0) as usize;
    let Some(total) = data.len().checked_mul(n).filter(|t| *t <= isize::MAX as usize) else {
        return Err(PyErr::new(ExcKind::OverflowError, format!("repeated {} are too long", kind.name())));
    };
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    for _ in 0..n {
        out.extend_from_slice(data);
    }
    Ok(kind.make(out))
}

/// `item in data`: an int in range(256), or a bytes-like substring.
pub fn contains(data: &[u8], item: &Value) -> PyResult<bool> {
    if let Some(sub) = buffer(item)? {
        return Ok(search::find_bytes(data, &sub).is_some());
    }
    if !has_index(item) {
        return Err(type_error(format!("a bytes-like object is required, not '{}'", item.type_name())));
    }
    let b = byte_value(item)?;
    Ok(data.contains(&b))
}

/// The comparison of byte strings and memoryviews; `None` (NotImplemented) when the operands do not
/// compare. `bytes` orders only against `bytes`; `bytearray` against any bytes-like object; `memoryview`
/// supports only `==` and `!=`.
pub fn richcmp(a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
    let (pa, pb) = (a.payload(), b.payload());
    if matches!(pa, Some(Payload::MemoryView(_))) || matches!(pb, Some(Payload::MemoryView(_))) {
        // A bytearray orders against a memoryview; otherwise the view's equality applies.
        let bytearray_side = matches!(pa, Some(Payload::ByteArray(_))) || matches!(pb, Some(Payload::ByteArray(_)));
        if bytearray_side && !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let (Some(x), Some(y)) = (buffer(a)?, buffer(b)?) else { return Ok(None) };
            return Ok(Some(holds(op, x.as_ref().cmp(y.as_ref()))));
        }
        return memoryview::richcmp(a, b, op);
    }
    let orderable = matches!(
        (pa, pb),
        (Some(Payload::Bytes(_) | Payload::ByteArray(_)), Some(Payload::Bytes(_) | Payload::ByteArray(_)))
    );
    if !orderable {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (buffer(a)?, buffer(b)?) else { return Ok(None) };
    Ok(Some(holds(op, x.as_ref().cmp(y.as_ref()))))
}

/// Whether `o` satisfies the comparison `op`.
pub(crate) fn holds(op: CmpOp, o: std::cmp::Ordering) -> bool {
    match op {
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }
}

/// The iterator over the ints of a `bytes` (`bytes_iterator`).
struct BytesIter {
    bytes: Value,
    pos: Mutex<usize>,
}

impl NativeIter for BytesIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        if let Some(Payload::Bytes(b)) = self.bytes.payload() {
            if let Some(x) = b.get(*pos) {
                *pos += 1;
                return Ok(Some(Value::Int(*x as i64)));
            }
        }
        Ok(None)
    }

    fn length_hint(&self) -> Option<usize> {
        let pos = *self.pos.lock();
        match self.bytes.payload() {
            Some(Payload::Bytes(b)) => Some(b.len().saturating_sub(pos)),
            _ => None,
        }
    }
}

/// `iter(b)` for a `bytes` value.
pub fn iter(v: &Value) -> Value {
    new_iter("bytes_iterator", Box::new(BytesIter { bytes: v.clone(), pos: Mutex::new(0) }))
}

/// `repr()` of a `bytearray` (or subclass) with contents `data`: `bytearray(b'...')`, named after its type.
pub fn bytearray_repr(v: &Value, data: &[u8]) -> String {
    // CPython's `bytearray_repr` quotes like `bytes` but escapes a single quote even inside double quotes.
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { '"' } else { '\'' };
    let mut out = format!("{}(b{quote}", type_::type_obj(v.ty()).name.read());
    for &c in data {
        match c {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
    out
}

// ---------------------------------------------------------------------------------------------------------
// Dunder methods. They work on the receiver's contents directly, so that a subclass overriding one and calling
// `bytes.__x__(self)` does not come back to its own override.

fn not_implemented() -> Value {
    Value::Obj(types().not_implemented.clone())
}

fn d_len(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper(k, "__len__", args, kwargs, 0)?;
    Ok(Value::Int(s.data.len() as i64))
}

fn d_contains(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, "__contains__", args, kwargs, 1)?;
    Ok(Value::Bool(contains(&s.data, &a[0])?))
}

fn d_getitem(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, "__getitem__", args, kwargs, 1)?;
    getitem(k, &s.data, &a[0])
}

fn d_add(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, "__add__", args, kwargs, 1)?;
    concat(k, &s.data, &a[0])
}

fn repeat_dunder(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, name, args, kwargs, 1)?;
    let n = ops::number::index(&a[0])?;
    let Some(n) = int::as_i64(&n) else {
        return Err(PyErr::new(ExcKind::OverflowError, "cannot fit 'int' into an index-sized integer"));
    };
    repeat(k, &s.data, n)
}

fn d_mul(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    repeat_dunder(k, "__mul__", args, kwargs)
}

fn d_rmul(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    repeat_dunder(k, "__rmul__", args, kwargs)
}

fn d_mod(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, "__mod__", args, kwargs, 1)?;
    percent_format(k, &s.data, &a[0])
}

fn d_rmod(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, a) = wrapper(k, "__rmod__", args, kwargs, 1)?;
    // `x.__rmod__(fmt)` formats `fmt % x` when `fmt` is a byte string too.
    match (Kind::of(&a[0]), buffer(&a[0])?) {
        (Some(fk), Some(fmt)) => percent_format(fk, &fmt, &args[0]),
        _ => Ok(not_implemented()),
    }
}

fn compare(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], op: CmpOp) -> PyResult<Value> {
    let (s, a) = wrapper(k, name, args, kwargs, 1)?;
    Ok(match richcmp(s.v, &a[0], op)? {
        Some(r) => Value::Bool(r),
        None => not_implemented(),
    })
}

fn d_eq(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__eq__", args, kwargs, CmpOp::Eq)
}

fn d_ne(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__ne__", args, kwargs, CmpOp::Ne)
}

fn d_lt(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__lt__", args, kwargs, CmpOp::Lt)
}

fn d_le(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__le__", args, kwargs, CmpOp::Le)
}

fn d_gt(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__gt__", args, kwargs, CmpOp::Gt)
}

fn d_ge(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    compare(k, "__ge__", args, kwargs, CmpOp::Ge)
}

fn d_repr(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper(k, "__repr__", args, kwargs, 0)?;
    Ok(Value::from(match k {
        Kind::Bytes => ops::format::bytes_repr(&s.data),
        Kind::ByteArray => bytearray_repr(s.v, &s.data),
    }))
}

fn d_str(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // NOTE: CPython warns here under `python -b` (BytesWarning); crabby has no -b switch.
    let (s, _) = wrapper(k, "__str__", args, kwargs, 0)?;
    Ok(Value::from(match k {
        Kind::Bytes => ops::format::bytes_repr(&s.data),
        Kind::ByteArray => bytearray_repr(s.v, &s.data),
    }))
}

fn d_iter(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper(k, "__iter__", args, kwargs, 0)?;
    Ok(match k {
        Kind::Bytes => iter(s.v),
        Kind::ByteArray => bytearray::iter(s.v),
    })
}

fn d_sizeof(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(k, "__sizeof__", args, kwargs)?;
    let n = s.data.len() as i64;
    Ok(Value::Int(match k {
        // CPython: a 33-byte header (with the terminating NUL) plus the contents.
        Kind::Bytes => 33 + n,
        // NOTE: CPython counts the allocated size, which over-allocates as a bytearray grows; this counts the
        // contents plus the terminating NUL of a freshly built bytearray.
        Kind::ByteArray => 56 + if n > 0 { n + 1 } else { 0 },
    }))
}

/// `__buffer__(flags)`: a memoryview of the object (the Python-level buffer protocol of PEP 688).
fn d_buffer(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = wrapper(k, "__buffer__", args, kwargs, 1)?;
    ssize_arg(&a[0])?;
    memoryview::new_view(s.v)
}

fn d_hash(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = wrapper(Kind::Bytes, "__hash__", args, kwargs, 0)?;
    Ok(Value::Int(ops::hash::hash_bytes(&s.data)))
}

fn d_getnewargs(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(Kind::Bytes, "__getnewargs__", args, kwargs)?;
    Ok(tuple::new_tuple_array([new_bytes(&s.data)]))
}

fn d_bytes(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(Kind::Bytes, "__bytes__", args, kwargs)?;
    Ok(s.unchanged())
}

/// Binds each shared method to both types: the same code with the [`Kind`] it was looked up on.
macro_rules! shared_methods {
    ($($name:literal => $f:path,)*) => {
        /// The methods `bytes` and `bytearray` share, as `bytes` methods.
        const BYTES_SHARED: &[(&str, NativeFn)] = &[$(($name, {
            fn w(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
                $f(Kind::Bytes, a, k)
            }
            w as NativeFn
        }),)*];
        /// The methods `bytes` and `bytearray` share, as `bytearray` methods.
        pub(crate) const BYTEARRAY_SHARED: &[(&str, NativeFn)] = &[$(($name, {
            fn w(a: &[Value], k: &[(Value, Value)]) -> PyResult<Value> {
                $f(Kind::ByteArray, a, k)
            }
            w as NativeFn
        }),)*];
    };
}

shared_methods! {
    "capitalize" => case::m_capitalize,
    "center" => transform::m_center,
    "count" => search::m_count,
    "decode" => transform::m_decode,
    "endswith" => search::m_endswith,
    "expandtabs" => transform::m_expandtabs,
    "find" => search::m_find,
    "hex" => transform::m_hex,
    "index" => search::m_index,
    "isalnum" => case::m_isalnum,
    "isalpha" => case::m_isalpha,
    "isascii" => case::m_isascii,
    "isdigit" => case::m_isdigit,
    "islower" => case::m_islower,
    "isspace" => case::m_isspace,
    "istitle" => case::m_istitle,
    "isupper" => case::m_isupper,
    "join" => split::m_join,
    "ljust" => transform::m_ljust,
    "lower" => case::m_lower,
    "lstrip" => transform::m_lstrip,
    "partition" => split::m_partition,
    "removeprefix" => search::m_removeprefix,
    "removesuffix" => search::m_removesuffix,
    "replace" => search::m_replace,
    "rfind" => search::m_rfind,
    "rindex" => search::m_rindex,
    "rjust" => transform::m_rjust,
    "rpartition" => split::m_rpartition,
    "rsplit" => split::m_rsplit,
    "rstrip" => transform::m_rstrip,
    "split" => split::m_split,
    "splitlines" => split::m_splitlines,
    "startswith" => search::m_startswith,
    "strip" => transform::m_strip,
    "swapcase" => case::m_swapcase,
    "title" => case::m_title,
    "translate" => transform::m_translate,
    "upper" => case::m_upper,
    "zfill" => transform::m_zfill,
    "__len__" => d_len,
    "__contains__" => d_contains,
    "__getitem__" => d_getitem,
    "__add__" => d_add,
    "__mul__" => d_mul,
    "__rmul__" => d_rmul,
    "__mod__" => d_mod,
    "__rmod__" => d_rmod,
    "__eq__" => d_eq,
    "__ne__" => d_ne,
    "__lt__" => d_lt,
    "__le__" => d_le,
    "__gt__" => d_gt,
    "__ge__" => d_ge,
    "__repr__" => d_repr,
    "__str__" => d_str,
    "__iter__" => d_iter,
    "__sizeof__" => d_sizeof,
    "__buffer__" => d_buffer,
}

/// The methods only `bytes` has.
const BYTES_ONLY: &[(&str, NativeFn)] =
    &[("__hash__", d_hash), ("__getnewargs__", d_getnewargs), ("__bytes__", d_bytes)];

/// Adds `fromhex` (a class method) and `maketrans` (a static method) to `ty`.
pub(crate) fn add_class_level(ty: &ObjRef, kind: Kind) {
    let (fromhex, maketrans): (NativeFn, NativeFn) = match kind {
        Kind::Bytes => {
            (|a, k| transform::m_fromhex(Kind::Bytes, a, k), |a, k| transform::m_maketrans(Kind::Bytes, a, k))
        }
        Kind::ByteArray => {
            (|a, k| transform::m_fromhex(Kind::ByteArray, a, k), |a, k| transform::m_maketrans(Kind::ByteArray, a, k))
        }
    };
    crate::builtins::int::add_classmethod(ty, "fromhex", fromhex);
    let f = crate::builtins::function::new_builtin("maketrans", maketrans, None);
    let sm = ObjRef::new(
        &types().staticmethod,
        Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f)),
    )
    .make_immortal();
    crate::builtins::dict::set_str(&type_::type_obj(ty).dict, "maketrans", Value::Obj(sm));
    type_::type_obj(ty).modified();
}

/// `bytes.__doc__`, as CPython's.
const BYTES_DOC: &str = "bytes(iterable_of_ints) -> bytes\n\
bytes(string, encoding[, errors]) -> bytes\n\
bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n\
bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n\
bytes() -> empty bytes object\n\
\n\
Construct an immutable array of bytes from:\n  \
- an iterable yielding integers in range(256)\n  \
- a text string encoded using the specified encoding\n  \
- any object implementing the buffer API.\n  \
- an integer";

/// `__length_hint__` of the `bytes` and `bytearray` iterators.
fn iter_length_hint(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("__length_hint__", args, kwargs).exact(1)?;
    match a[0].payload() {
        Some(Payload::Iter(it)) => Ok(Value::Int(it.length_hint().unwrap_or(0) as i64)),
        _ => Err(type_error(format!(
            "descriptor '__length_hint__' requires an iterator but received a '{}'",
            a[0].type_name()
        ))),
    }
}

pub fn register() {
    for name in ["bytes_iterator", "bytearray_iterator"] {
        crate::builtins::add_methods(
            crate::builtins::iter::iter_type(name),
            &[("__length_hint__", iter_length_hint as NativeFn)],
        );
    }
    let t = &types().bytes;
    crate::builtins::add_methods(t, BYTES_SHARED);
    crate::builtins::add_methods(t, BYTES_ONLY);
    add_class_level(t, Kind::Bytes);
    crate::builtins::dict::set_str(&type_::type_obj(t).dict, "__doc__", Value::from(BYTES_DOC));
    bytearray::register();
    memoryview::register();
}

/// A list of pieces of the receiver, as `split` returns them.
pub(crate) fn pieces_list(s: &This, pieces: Vec<&[u8]>) -> Value {
    list::new_list(pieces.into_iter().map(|p| s.piece(p)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_indexes() {
        let data = b"abcdef";
        let s = crate::builtins::slice::new_slice(Value::Int(1), Value::Int(5), Value::Int(2));
        let v = getitem(Kind::Bytes, data, &s).unwrap();
        assert!(matches!(v.payload(), Some(Payload::Bytes(b)) if &b[..] == b"bd"));
        assert_eq!(int::as_i64(&getitem(Kind::Bytes, data, &Value::Int(-1)).unwrap()), Some(102));
        assert!(getitem(Kind::ByteArray, data, &Value::Int(6)).is_err());
    }

    #[test]
    fn membership() {
        assert!(contains(b"abc", &Value::Int(98)).unwrap());
        assert!(!contains(b"abc", &Value::Int(100)).unwrap());
        assert!(contains(b"abc", &Value::Int(256)).is_err());
        assert!(contains(b"abc", &new_bytes(b"bc")).unwrap());
        assert!(contains(b"abc", &new_bytes(b"")).unwrap());
    }
}
