//! `_struct`: packing Python values into C structs laid out as bytes and back (`pack`, `unpack`, `calcsize`,
//! `pack_into`, `unpack_from`, `iter_unpack`, the `Struct` type and `struct.error`), with CPython 3.12's
//! format parsing, sizes, alignment, range checks and messages.
//!
//! A format string is compiled once into a [`Layout`]: a list of codes with their byte offsets. `Struct`
//! objects hold one behind a lock (`Struct.__init__` may replace it); the module-level functions share a
//! small cache of compiled layouts keyed by the format, as CPython's module caches `Struct` objects.
//!
//! The native layout (`@`, the default) is the x86-64/aarch64 Linux ABI's: `l`, `L`, `n`, `N` and `P` are 8
//! bytes, and every number is aligned to its size. `=`, `<`, `>` and `!` use the standard sizes without
//! alignment.
//!
//! This file also holds the argument helpers the native modules of the same family (`_heapq`, `_bisect`,
//! `_random`, `binascii`, `_collections`) share: Argument Clinic's keyword parsing and the
//! positional-only checks, with CPython's messages, and access to bytes-like arguments.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use parking_lot::{Mutex, RwLock};

use crate::builtins::exceptions::{new_exception_of, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::iter::NativeIter;
use crate::builtins::type_::{self, type_obj};
use crate::builtins::{add_methods, bytes::new_bytes, dict, int, module, new_native_type, tuple, types};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Argument helpers shared by this family of native modules.

/// Argument Clinic's keyword parsing (`_PyArg_UnpackKeywords`) for a function `fname` whose parameters are
/// `names`: the first `posonly` positional-only, up to `maxpos` positional, the rest keyword-only; the
/// first `minpos` are required. `args` excludes any receiver. Returns one slot per name.
pub(crate) fn clinic(
    fname: &str,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    posonly: usize,
    minpos: usize,
    maxpos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let maxargs = names.len();
    let (nargs, nkw) = (args.len(), kwargs.len());
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if nargs + nkw > maxargs {
        return Err(type_error(format!(
            "{fname}() takes at most {maxargs} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            s(maxargs),
            nargs + nkw
        )));
    }
    if nargs > maxpos {
        return Err(type_error(if maxpos == 0 {
            format!("{fname}() takes no positional arguments")
        } else {
            format!(
                "{fname}() takes {} {maxpos} positional argument{} ({nargs} given)",
                if minpos < maxpos { "at most" } else { "exactly" },
                s(maxpos)
            )
        }));
    }
    let minposonly = posonly.min(minpos);
    if nargs < minposonly {
        return Err(type_error(format!(
            "{fname}() takes {} {minposonly} positional argument{} ({nargs} given)",
            if minposonly < maxpos { "at least" } else { "exactly" },
            s(minposonly)
        )));
    }
    let find = |name: &str| kwargs.iter().find(|(k, _)| k.as_str() == Some(name)).map(|(_, v)| v.clone());
    let mut out: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    out.resize(maxargs, None);
    let mut left = nkw;
    for i in nargs.max(posonly)..maxargs {
        if let Some(v) = find(names[i]) {
            out[i] = Some(v);
            left -= 1;
        } else if i < minpos {
            return Err(type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(nargs).skip(posonly) {
            if find(name).is_some() {
                return Err(type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
        }
        for (k, _) in kwargs {
            let k = k.as_str().unwrap_or("");
            if !names[posonly..].contains(&k) {
                return Err(type_error(format!("'{k}' is an invalid keyword argument for {fname}()")));
            }
        }
    }
    Ok(out)
}

/// `_PyArg_CheckPositional` for a positional-only function `name` called through `qualname`
/// (`_struct.unpack`): between `min` and `max` arguments, no keywords.
pub(crate) fn positional<'a>(
    name: &str,
    qualname: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kwargs(qualname, kwargs)?;
    let n = args.len();
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if n < min {
        let how = if min == max { "" } else { "at least " };
        return Err(type_error(format!("{name} expected {how}{min} argument{}, got {n}", s(min))));
    }
    if n > max {
        let how = if min == max { "" } else { "at most " };
        return Err(type_error(format!("{name} expected {how}{max} argument{}, got {n}", s(max))));
    }
    Ok(args)
}

/// `f() takes no keyword arguments`, naming the function as CPython does (`_heapq.heappush`).
pub(crate) fn no_kwargs(qualname: &str, kwargs: &[(Value, Value)]) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{qualname}() takes no keyword arguments")))
    }
}

/// A `METH_O` function or method: exactly one argument (after any receiver, which `args` excludes).
pub(crate) fn meth_o<'a>(qualname: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a Value> {
    no_kwargs(qualname, kwargs)?;
    match args {
        [x] => Ok(x),
        _ => Err(type_error(format!("{qualname}() takes exactly one argument ({} given)", args.len()))),
    }
}

/// A `METH_NOARGS` function or method: no arguments (after any receiver, which `args` excludes).
pub(crate) fn meth_noargs(qualname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<()> {
    no_kwargs(qualname, kwargs)?;
    if args.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{qualname}() takes no arguments ({} given)", args.len())))
    }
}

/// The bytes of a bytes-like object (`bytes`, `bytearray`), or `None` for anything else. A bytearray is
/// copied, so no lock is held afterwards.
pub(crate) fn bytes_like(v: &Value) -> Option<Cow<'_, [u8]>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(Cow::Borrowed(b)),
        Payload::ByteArray(b) => Some(Cow::Owned(b.read().clone())),
        _ => None,
    }
}

/// A bytes-like argument, or CPython's `a bytes-like object is required, not 'str'`.
pub(crate) fn buffer_arg(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    bytes_like(v).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", v.type_name())))
}

/// An index-sized integer argument (`Py_ssize_t`), with CPython's messages.
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    int::as_i64(&i).ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C ssize_t"))
}

/// Makes an exception class of a native module (`struct.error`, `binascii.Error`) the way
/// `PyErr_NewException` does: a class named `name` deriving from `base`, with `__module__` set.
pub(crate) fn new_exception_class(name: &str, module: &str, base: &ObjRef, doc: Option<&str>) -> PyResult<ObjRef> {
    let ns = dict::new_dict_obj();
    dict::set_str(&ns, "__module__", Value::from(module));
    if let Some(doc) = doc {
        dict::set_str(&ns, "__doc__", Value::from(doc));
    }
    let bases = tuple::new_tuple_array([Value::Obj(base.clone())]);
    let cls = ops::call::call(&Value::Obj(types().type_.clone()), &[Value::from(name), bases, Value::Obj(ns)], &[])?;
    Ok(cls.as_obj().expect("type() returns a class").clone())
}

// ---------------------------------------------------------------------------------------------------------
// Format strings.

/// One entry of a compiled format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Code {
    /// The format character.
    ch: u8,
    /// Byte offset in the packed struct.
    offset: usize,
    /// Bytes per item; for `s` and `p`, the whole field's length.
    size: usize,
}

/// Which table a format uses: CPython's `native_table`, or a standard table in one byte order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Native,
    Little,
    Big,
}

/// A compiled format string.
#[derive(Debug)]
pub struct Layout {
    /// The format as given (`Struct.format`).
    format: String,
    table: Table,
    /// Codes that take or produce a value (`x` padding is not listed).
    codes: Vec<Code>,
    size: usize,
}

impl Layout {
    fn little(&self) -> bool {
        match self.table {
            Table::Native => cfg!(target_endian = "little"),
            Table::Little => true,
            Table::Big => false,
        }
    }
}

/// `(size, alignment)` of a format character in a table, or `None` when the table lacks it.
fn entry(table: Table, c: u8) -> Option<(usize, usize)> {
    let native = table == Table::Native;
    let size = match c {
        b'x' | b'b' | b'B' | b'c' | b's' | b'p' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    };
    // Only the native table aligns; single bytes need no alignment.
    Some((size, if native { size } else { 0 }))
}

fn struct_error(msg: impl Into<String>) -> PyErr {
    match error_type() {
        Ok(ty) => PyErr::from_exception(new_exception_of(ty, vec![Value::from(msg.into())])),
        Err(e) => e,
    }
}

/// Compiles a format (CPython's `prepare_s`).
fn compile(fmt: &[u8]) -> PyResult<Layout> {
    let format = String::from_utf8_lossy(fmt).into_owned();
    if fmt.contains(&0) {
        return Err(struct_error("embedded null character"));
    }
    let (table, mut rest) = match fmt.first() {
        Some(b'<') => (Table::Little, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Table::Big, &fmt[1..]),
        Some(b'=') => (if cfg!(target_endian = "little") { Table::Little } else { Table::Big }, &fmt[1..]),
        Some(b'@') => (Table::Native, &fmt[1..]),
        _ => (Table::Native, fmt),
    };
    let too_long = || struct_error("total struct size too long");
    let mut codes = Vec::new();
    let mut size: usize = 0;
    const MAX: usize = i64::MAX as usize;
    while let Some((&c, tail)) = rest.split_first() {
        rest = tail;
        if c.is_ascii_whitespace() {
            continue;
        }
        let (num, c) = if c.is_ascii_digit() {
            let mut num = (c - b'0') as usize;
            loop {
                match rest.split_first() {
                    Some((&d, tail)) if d.is_ascii_digit() => {
                        rest = tail;
                        num = num
                            .checked_mul(10)
                            .and_then(|n| n.checked_add((d - b'0') as usize))
                            .filter(|n| *n <= MAX)
                            .ok_or_else(too_long)?;
                    }
                    Some((&d, tail)) => {
                        rest = tail;
                        break (num, d);
                    }
                    None => return Err(struct_error("repeat count given without format specifier")),
                }
            }
        } else {
            (1, c)
        };
        let (item, align) = entry(table, c).ok_or_else(|| struct_error("bad char in struct format"))?;
        if align > 1 && size > 0 {
            size = size.checked_add((align - 1) - (size - 1) % align).filter(|n| *n <= MAX).ok_or_else(too_long)?;
        }
        if num > (MAX - size) / item {
            return Err(too_long());
        }
        match c {
            b's' | b'p' => codes.push(Code { ch: c, offset: size, size: num }),
            b'x' => {}
            _ => codes.extend((0..num).map(|k| Code { ch: c, offset: size + k * item, size: item })),
        }
        size += num * item;
    }
    Ok(Layout { format, table, codes, size })
}

/// The format argument of the module functions and `Struct()`: `str` (ASCII) or `bytes`.
fn format_bytes(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        if let Some(pos) = s.chars().position(|c| !c.is_ascii()) {
            let c = s.chars().nth(pos).unwrap_or('\0');
            return Err(PyErr::new(
                ExcKind::UnicodeEncodeError,
                format!(
                    "'ascii' codec can't encode character '{}' in position {pos}: ordinal not in range(128)",
                    ascii_escape(c)
                ),
            ));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => Err(type_error(format!("Struct() argument 1 must be a str or bytes object, not {}", v.type_name()))),
    }
}

/// How CPython's codec errors show a character (`\xe9`, `\u20ac`, `\U0001f600`).
fn ascii_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// Compiled layouts of the formats the module functions were called with (CPython keeps 100 `Struct`s and
/// empties the cache when it is full).
fn cache() -> &'static Mutex<HashMap<Vec<u8>, Arc<Layout>>> {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Layout>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

const MAXCACHE: usize = 100;

/// The layout for a format argument of a module-level function.
fn cached_layout(fmt: &Value) -> PyResult<Arc<Layout>> {
    let key = format_bytes(fmt)?;
    if let Some(l) = cache().lock().get(&key) {
        return Ok(l.clone());
    }
    // Compiled without the lock: a racing thread may compile the same format, which is harmless.
    let l = Arc::new(compile(&key)?);
    let mut c = cache().lock();
    if c.len() >= MAXCACHE {
        c.clear();
    }
    c.insert(key, l.clone());
    Ok(l)
}

// ---------------------------------------------------------------------------------------------------------
// Packing.

/// An integer to pack (CPython's `get_pylong`): an int, or an object with `__index__`.
fn pack_int(v: &Value) -> PyResult<BigInt> {
    if int::is_int(v) {
        return Ok(int::to_bigint(v).unwrap_or_default());
    }
    if type_::lookup(v.ty(), "__index__").is_none() {
        return Err(struct_error("required argument is not an integer"));
    }
    let i = ops::number::index(v)?;
    Ok(int::to_bigint(&i).unwrap_or_default())
}

/// A float to pack (CPython's `PyFloat_AsDouble`); any failure is `required argument is not a float`.
fn pack_float(v: &Value) -> PyResult<f64> {
    let converted = (|| -> PyResult<Option<f64>> {
        if let Some(f) = crate::builtins::float::as_f64(v) {
            return Ok(Some(f));
        }
        if int::is_int(v) {
            return int::int_to_f64(v).map(Some);
        }
        if let Some(f) = type_::lookup(v.ty(), "__float__") {
            let r = ops::call::call_with_self(&f, v, &[], &[])?;
            return Ok(crate::builtins::float::as_f64(&r));
        }
        if type_::lookup(v.ty(), "__index__").is_some() {
            return int::int_to_f64(&ops::number::index(v)?).map(Some);
        }
        Ok(None)
    })();
    match converted {
        Ok(Some(f)) => Ok(f),
        _ => Err(struct_error("required argument is not a float")),
    }
}

/// The range of an integer code of `size` bytes: `(min, max)`.
fn int_range(c: u8, size: usize) -> (BigInt, BigInt) {
    let bits = 8 * size as u32;
    let one = BigInt::from(1);
    if c.is_ascii_lowercase() {
        (-(one.clone() << (bits - 1)), (one << (bits - 1)) - 1)
    } else {
        (BigInt::from(0), (one << bits) - 1)
    }
}

/// IEEE 754 half precision (`PyFloat_Pack2`): round half to even, CPython's overflow error.
fn pack_half(x: f64) -> PyResult<u16> {
    let overflow = || PyErr::new(ExcKind::OverflowError, "float too large to pack with e format");
    let (sign, e, bits): (u16, i32, u16) = if x == 0.0 {
        (x.is_sign_negative() as u16, 0, 0)
    } else if x.is_infinite() {
        ((x < 0.0) as u16, 0x1f, 0)
    } else if x.is_nan() {
        // The quiet NaN with only the top fraction bit set, keeping the sign.
        (x.is_sign_negative() as u16, 0x1f, 512)
    } else {
        let sign = (x < 0.0) as u16;
        let (mut f, mut e) = frexp(x.abs());
        // Normalise f to [1.0, 2.0).
        f *= 2.0;
        e -= 1;
        if e >= 16 {
            return Err(overflow());
        } else if e < -25 {
            f = 0.0;
            e = 0;
        } else if e < -14 {
            f = ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        let mut bits = f as u16;
        if f - bits as f64 > 0.5 || (f - bits as f64 == 0.5 && bits % 2 == 1) {
            bits += 1;
            if bits == 1024 {
                bits = 0;
                e += 1;
                if e == 31 {
                    return Err(overflow());
                }
            }
        }
        (sign, e, bits)
    };
    Ok(bits | ((e as u16) << 10) | (sign << 15))
}

/// `PyFloat_Unpack2`.
fn unpack_half(h: u16) -> f64 {
    let sign = h >> 15 != 0;
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    if e == 0x1f {
        let v = if f == 0.0 { f64::INFINITY } else { f64::NAN };
        return if sign { -v } else { v };
    }
    let x = f / 1024.0;
    let x = if e == 0 { ldexp(x, -14) } else { ldexp(x + 1.0, e - 15) };
    if sign {
        -x
    } else {
        x
    }
}

/// C's `frexp` for finite positive `x`: `x = f * 2**e` with `f` in [0.5, 1).
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (f, e) = frexp(x * 2f64.powi(64));
        return (f, e - 64);
    }
    let f = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (f, exp - 1022)
}

/// C's `ldexp`, exact for the ranges used here (results are normal or exact subnormals).
fn ldexp(x: f64, e: i32) -> f64 {
    if e < -1000 {
        return x * 2f64.powi(-1000) * 2f64.powi(e + 1000);
    }
    x * 2f64.powi(e)
}

/// Writes `v` as `code` at the start of `out` (which has the code's size).
fn pack_one(code: &Code, v: &Value, little: bool, native: bool, out: &mut [u8]) -> PyResult<()> {
    let put = |out: &mut [u8], bytes: &[u8]| {
        let n = out.len();
        if little {
            out.copy_from_slice(&bytes[..n]);
        } else {
            for (k, b) in out.iter_mut().enumerate() {
                *b = bytes[n - 1 - k];
            }
        }
    };
    match code.ch {
        b'c' => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => out[0] = b[0],
            _ => return Err(struct_error("char format requires a bytes object of length 1")),
        },
        b's' | b'p' => {
            let data: Cow<[u8]> = match v.payload() {
                Some(Payload::Bytes(b)) => Cow::Borrowed(b),
                Some(Payload::ByteArray(b)) => Cow::Owned(b.read().clone()),
                _ => return Err(struct_error(format!("argument for '{}' must be a bytes object", code.ch as char))),
            };
            if code.ch == b's' {
                let n = data.len().min(code.size);
                out[..n].copy_from_slice(&data[..n]);
            } else if code.size > 0 {
                let n = data.len().min(code.size - 1);
                out[1..1 + n].copy_from_slice(&data[..n]);
                out[0] = n.min(255) as u8;
            }
        }
        b'?' => out[0] = ops::truthy(v)? as u8,
        b'e' => {
            let h = pack_half(pack_float(v)?)?;
            put(out, &h.to_le_bytes());
        }
        b'f' => {
            let x = pack_float(v)?;
            let y = x as f32;
            if y.is_infinite() && !x.is_infinite() {
                return Err(PyErr::new(ExcKind::OverflowError, "float too large to pack with f format"));
            }
            put(out, &y.to_le_bytes());
        }
        b'd' => put(out, &pack_float(v)?.to_le_bytes()),
        b'P' if native => {
            // `PyLong_AsVoidPtr`: negative values wrap, as a C cast does.
            let i = pack_int(v)?;
            let w = match (i.to_i64(), i.to_u64()) {
                (_, Some(u)) => u,
                (Some(s), None) => s as u64,
                _ => return Err(struct_error("int too large to convert")),
            };
            put(out, &w.to_le_bytes());
        }
        c => {
            let i = pack_int(v)?;
            let (lo, hi) = int_range(c, code.size);
            if i < lo || i > hi {
                return Err(struct_error(if c.is_ascii_lowercase() {
                    format!("'{}' format requires {lo} <= number <= {hi}", c as char)
                } else {
                    format!("'{}' format requires 0 <= number <= {hi}", c as char)
                }));
            }
            // Two's complement of the value, least significant byte first.
            let mut bytes = i.to_signed_bytes_le();
            let fill = if i.sign() == num_bigint::Sign::Minus { 0xff } else { 0 };
            bytes.resize(8, fill);
            put(out, &bytes);
        }
    }
    Ok(())
}

/// Packs `values` into `out` (which is `layout.size` bytes of zeros); `fname` names the caller in the
/// count mismatch message.
fn pack_values(layout: &Layout, values: &[Value], out: &mut [u8]) -> PyResult<()> {
    if values.len() != layout.codes.len() {
        return Err(struct_error(format!(
            "pack expected {} items for packing (got {})",
            layout.codes.len(),
            values.len()
        )));
    }
    let little = layout.little();
    let native = layout.table == Table::Native;
    for (code, v) in layout.codes.iter().zip(values) {
        let field = &mut out[code.offset..code.offset + code.size];
        pack_one(code, v, little, native, field)?;
    }
    Ok(())
}

fn unpack_one(code: &Code, data: &[u8], little: bool) -> Value {
    let field = &data[code.offset..code.offset + code.size];
    let le = |field: &[u8]| -> [u8; 8] {
        let mut b = [0u8; 8];
        if little {
            b[..field.len()].copy_from_slice(field);
        } else {
            for (k, x) in field.iter().rev().enumerate() {
                b[k] = *x;
            }
        }
        b
    };
    match code.ch {
        b'c' => new_bytes(field),
        b's' => new_bytes(field),
        b'p' => {
            if field.is_empty() {
                return new_bytes(b"");
            }
            let n = (field[0] as usize).min(code.size - 1);
            new_bytes(&field[1..1 + n])
        }
        b'?' => Value::Bool(field[0] != 0),
        b'e' => {
            let b = le(field);
            Value::Float(unpack_half(u16::from_le_bytes([b[0], b[1]])))
        }
        b'f' => {
            let b = le(field);
            Value::Float(f32::from_le_bytes([b[0], b[1], b[2], b[3]]) as f64)
        }
        b'd' => Value::Float(f64::from_le_bytes(le(field))),
        c => {
            let raw = u64::from_le_bytes(le(field));
            let bits = 8 * code.size as u32;
            if c.is_ascii_lowercase() {
                // Sign-extend from the field's width.
                let shift = 64 - bits;
                Value::Int(((raw << shift) as i64) >> shift)
            } else if raw <= i64::MAX as u64 {
                Value::Int(raw as i64)
            } else {
                int::from_bigint(BigInt::from(raw))
            }
        }
    }
}

fn unpack_values(layout: &Layout, data: &[u8]) -> Value {
    let little = layout.little();
    tuple::new_tuple(layout.codes.iter().map(|c| unpack_one(c, data, little)).collect())
}

/// `pack(fmt, *values)` for a layout.
fn pack_layout(layout: &Layout, values: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; layout.size];
    pack_values(layout, values, &mut out)?;
    Ok(crate::builtins::bytes::new_bytes(&out))
}

/// `pack_into(fmt, buffer, offset, *values)` for a layout; `args` are `buffer, offset, *values`.
fn pack_into_layout(layout: &Layout, args: &[Value]) -> PyResult<Value> {
    if args.len() != layout.codes.len() + 2 {
        return Err(match args.len() {
            0 => struct_error("pack_into expected buffer argument"),
            1 => struct_error("pack_into expected offset argument"),
            n => struct_error(format!("pack_into expected {} items for packing (got {})", layout.codes.len(), n - 2)),
        });
    }
    let Some(Payload::ByteArray(buf)) = args[0].payload() else {
        return Err(type_error(format!("argument must be read-write bytes-like object, not {}", args[0].type_name())));
    };
    let mut offset = ssize_arg(&args[1])?;
    // The values are converted before the buffer is locked: conversions may run Python code.
    let mut packed = vec![0u8; layout.size];
    let len = buf.read().len() as i64;
    let size = layout.size as i64;
    if offset < 0 {
        if offset + size > 0 {
            return Err(struct_error(format!("no space to pack {size} bytes at offset {offset}")));
        }
        if offset + len < 0 {
            return Err(struct_error(format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < size {
        return Err(struct_error(format!(
            "pack_into requires a buffer of at least {} bytes for packing {size} bytes at offset {offset} (actual buffer size is {len})",
            size + offset
        )));
    }
    pack_values(layout, &args[2..], &mut packed)?;
    let mut b = buf.write();
    // The buffer may have shrunk while the values were converted.
    let end = offset as usize + layout.size;
    if end > b.len() {
        return Err(struct_error(format!(
            "pack_into requires a buffer of at least {end} bytes for packing {size} bytes at offset {offset} (actual buffer size is {})",
            b.len()
        )));
    }
    b[offset as usize..end].copy_from_slice(&packed);
    Ok(Value::None)
}

fn unpack_layout(layout: &Layout, buffer: &Value) -> PyResult<Value> {
    let data = buffer_arg(buffer)?;
    if data.len() != layout.size {
        return Err(struct_error(format!("unpack requires a buffer of {} bytes", layout.size)));
    }
    Ok(unpack_values(layout, &data))
}

fn unpack_from_layout(layout: &Layout, buffer: &Value, offset: Option<&Value>) -> PyResult<Value> {
    let data = buffer_arg(buffer)?;
    let mut offset = match offset {
        Some(o) => ssize_arg(o)?,
        None => 0,
    };
    let len = data.len() as i64;
    let size = layout.size as i64;
    if offset < 0 {
        if offset + len < 0 {
            return Err(struct_error(format!("offset {offset} out of range for {len}-byte buffer")));
        }
        if offset + size > 0 {
            return Err(struct_error(format!("not enough data to unpack {size} bytes at offset {offset}")));
        }
        offset += len;
    }
    if len - offset < size {
        return Err(struct_error(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {len})",
            size + offset
        )));
    }
    Ok(unpack_values(layout, &data[offset as usize..]))
}

/// `_struct.unpack_iterator`: unpacks consecutive structs from a snapshot of the buffer.
struct UnpackIter {
    layout: Arc<Layout>,
    data: Vec<u8>,
    pos: Mutex<usize>,
}

impl NativeIter for UnpackIter {
    fn next(&self) -> PyResult<Option<Value>> {
        let mut pos = self.pos.lock();
        if *pos + self.layout.size > self.data.len() {
            return Ok(None);
        }
        let v = unpack_values(&self.layout, &self.data[*pos..]);
        *pos += self.layout.size;
        Ok(Some(v))
    }
    fn length_hint(&self) -> Option<usize> {
        let pos = *self.pos.lock();
        Some(self.data.len().saturating_sub(pos) / self.layout.size.max(1))
    }
}

fn iter_unpack_layout(layout: Arc<Layout>, buffer: &Value) -> PyResult<Value> {
    let data = buffer_arg(buffer)?.into_owned();
    if layout.size == 0 {
        return Err(struct_error("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % layout.size != 0 {
        return Err(struct_error(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            layout.size
        )));
    }
    let it = UnpackIter { layout, data, pos: Mutex::new(0) };
    Ok(Value::Obj(ObjRef::new(&state()?.unpack_iterator, Payload::Iter(Box::new(it)))))
}

// ---------------------------------------------------------------------------------------------------------
// The `Struct` type.

/// The state of a `Struct` object: its compiled format, `None` until `__init__` runs.
struct StructState {
    layout: RwLock<Option<Arc<Layout>>>,
}

impl StructState {
    fn layout(&self) -> Arc<Layout> {
        self.layout.read().clone().unwrap_or_else(|| {
            Arc::new(Layout { format: String::new(), table: Table::Native, codes: Vec::new(), size: 0 })
        })
    }
}

fn struct_of(v: &Value, method: &str) -> PyResult<Arc<Layout>> {
    match v.payload() {
        Some(Payload::Native(b)) => match b.get::<StructState>() {
            Some(s) => Ok(s.layout()),
            None => Err(wrong_receiver(v, method)),
        },
        _ => Err(wrong_receiver(v, method)),
    }
}

fn wrong_receiver(v: &Value, method: &str) -> PyErr {
    type_error(format!(
        "descriptor '{method}' for '_struct.Struct' objects doesn't apply to a '{}' object",
        v.type_name()
    ))
}

fn receiver<'a>(args: &'a [Value], method: &str) -> PyResult<(Arc<Layout>, &'a [Value])> {
    match args.split_first() {
        Some((this, rest)) => Ok((struct_of(this, method)?, rest)),
        None => Err(type_error(format!("unbound method Struct.{method}() needs an argument"))),
    }
}

/// `Struct.__new__(cls, *args, **kwargs)`: an uninitialised Struct (size -1) that `__init__` sets up.
/// NOTE: a direct call of the built-in type itself (`Struct('i')`) also runs `__init__` here, because the
/// runtime's constructor path for native types calls only `__new__`; `Struct.__new__(Struct)` therefore
/// needs a format, where CPython returns an uninitialised object.
fn struct_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state()?;
    let Some(cls) = args.first().and_then(|c| c.as_obj()).filter(|c| matches!(c.payload, Payload::Type(_))) else {
        return Err(type_error("Struct.__new__(X): X is not a type object"));
    };
    if !type_::is_subtype(cls, &st.struct_type) {
        let n = type_::type_name(cls);
        return Err(type_error(format!("_struct.Struct.__new__({n}): {n} is not a subtype of _struct.Struct")));
    }
    let dict = type_obj(cls).heap.then(dict::new_dict_obj);
    let obj = Value::Obj(ObjRef::with_dict(
        cls,
        Payload::Native(NativeBox::new(StructState { layout: RwLock::new(None) })),
        dict,
    ));
    if cls.ptr_eq(&st.struct_type) {
        let mut init_args = vec![obj.clone()];
        init_args.extend_from_slice(&args[1..]);
        struct_init(&init_args, kwargs)?;
    }
    Ok(obj)
}

/// `Struct.__init__(self, format)`.
fn struct_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error("descriptor '__init__' of '_struct.Struct' object needs an argument"));
    };
    let Some(Payload::Native(b)) = this.payload() else { return Err(wrong_receiver(this, "__init__")) };
    let Some(s) = b.get::<StructState>() else { return Err(wrong_receiver(this, "__init__")) };
    let a = clinic("Struct", rest, kwargs, &["format"], 0, 1, 1)?;
    let fmt = a[0].clone().expect("required");
    let layout = Arc::new(compile(&format_bytes(&fmt)?)?);
    *s.layout.write() = Some(layout);
    Ok(Value::None)
}

fn s_pack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "pack")?;
    no_kwargs("Struct.pack", kwargs)?;
    pack_layout(&l, rest)
}

fn s_pack_into(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "pack_into")?;
    no_kwargs("Struct.pack_into", kwargs)?;
    pack_into_layout(&l, rest)
}

fn s_unpack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "unpack")?;
    let b = meth_o("Struct.unpack", rest, kwargs)?;
    unpack_layout(&l, b)
}

fn s_unpack_from(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "unpack_from")?;
    let a = clinic("unpack_from", rest, kwargs, &["buffer", "offset"], 0, 1, 2)?;
    unpack_from_layout(&l, a[0].as_ref().expect("required"), a[1].as_ref())
}

fn s_iter_unpack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "iter_unpack")?;
    let b = meth_o("Struct.iter_unpack", rest, kwargs)?;
    iter_unpack_layout(l, b)
}

fn s_sizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (l, rest) = receiver(args, "__sizeof__")?;
    meth_noargs("Struct.__sizeof__", rest, kwargs)?;
    // CPython's object header plus one code record per item.
    Ok(Value::Int(40 + 32 * (l.codes.len() as i64 + 1)))
}

fn s_format(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("Struct.format needs an instance"))?;
    let Some(Payload::Native(b)) = this.payload() else { return Err(wrong_receiver(this, "format")) };
    let s = b.get::<StructState>().ok_or_else(|| wrong_receiver(this, "format"))?;
    let l = s.layout.read().clone();
    Ok(Value::from(l.map(|l| l.format.clone()).unwrap_or_default()))
}

fn s_size(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("Struct.size needs an instance"))?;
    let Some(Payload::Native(b)) = this.payload() else { return Err(wrong_receiver(this, "size")) };
    let s = b.get::<StructState>().ok_or_else(|| wrong_receiver(this, "size"))?;
    let l = s.layout.read().clone();
    Ok(Value::Int(l.map_or(-1, |l| l.size as i64)))
}

// ---------------------------------------------------------------------------------------------------------
// Module functions.

fn pack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs("_struct.pack", kwargs)?;
    let Some((fmt, values)) = args.split_first() else {
        return Err(type_error("missing format argument"));
    };
    pack_layout(&*cached_layout(fmt)?, values)
}

fn pack_into(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs("_struct.pack_into", kwargs)?;
    let Some((fmt, rest)) = args.split_first() else {
        return Err(type_error("missing format argument"));
    };
    pack_into_layout(&*cached_layout(fmt)?, rest)
}

fn unpack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("unpack", "_struct.unpack", args, kwargs, 2, 2)?;
    unpack_layout(&*cached_layout(&a[0])?, &a[1])
}

fn unpack_from(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("unpack_from", args, kwargs, &["format", "buffer", "offset"], 1, 2, 3)?;
    let l = cached_layout(a[0].as_ref().expect("required"))?;
    unpack_from_layout(&l, a[1].as_ref().expect("required"), a[2].as_ref())
}

fn iter_unpack(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("iter_unpack", "_struct.iter_unpack", args, kwargs, 2, 2)?;
    iter_unpack_layout(cached_layout(&a[0])?, &a[1])
}

fn calcsize(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let f = meth_o("_struct.calcsize", args, kwargs)?;
    Ok(Value::Int(cached_layout(f)?.size as i64))
}

fn clearcache(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    meth_noargs("_struct._clearcache", args, kwargs)?;
    cache().lock().clear();
    Ok(Value::None)
}

fn iter_self(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__iter__' needs an argument"))?;
    meth_noargs("unpack_iterator.__iter__", &args[1..], kwargs)?;
    Ok(this.clone())
}

fn iter_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__next__' needs an argument"))?;
    meth_noargs("unpack_iterator.__next__", &args[1..], kwargs)?;
    match ops::iter::next(this)? {
        Some(v) => Ok(v),
        None => Err(PyErr::with_args(ExcKind::StopIteration, vec![])),
    }
}

fn iter_length_hint(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().ok_or_else(|| type_error("descriptor '__length_hint__' needs an argument"))?;
    meth_noargs("unpack_iterator.__length_hint__", &args[1..], kwargs)?;
    match this.payload() {
        Some(Payload::Iter(i)) => Ok(Value::Int(i.length_hint().unwrap_or(0) as i64)),
        _ => Ok(Value::Int(0)),
    }
}

/// The module's types and its exception class, made once.
struct State {
    module: ObjRef,
    error: ObjRef,
    struct_type: ObjRef,
    unpack_iterator: ObjRef,
}

fn state() -> PyResult<&'static State> {
    static STATE: OnceLock<State> = OnceLock::new();
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let error =
        new_exception_class("error", "struct", crate::builtins::exceptions::exc_type(ExcKind::Exception), None)?;
    let struct_type = new_native_type("Struct", "_struct", true);
    add_methods(
        &struct_type,
        &[
            ("pack", s_pack),
            ("pack_into", s_pack_into),
            ("unpack", s_unpack),
            ("unpack_from", s_unpack_from),
            ("iter_unpack", s_iter_unpack),
            ("__sizeof__", s_sizeof),
            ("__init__", struct_init),
        ],
    );
    let td = &type_obj(&struct_type).dict;
    let new = new_builtin("__new__", struct_new, Some(struct_type.clone()));
    dict::set_str(td, "__new__", crate::builtins::object::static_method(new));
    for (name, getter) in [("format", s_format as NativeFn), ("size", s_size as NativeFn)] {
        let g = new_builtin(name, getter, Some(struct_type.clone()));
        let p = crate::builtins::descriptor::make_property(g, Value::None, Value::None, Value::None);
        dict::set_str(td, name, p);
    }
    let unpack_iterator = new_native_type("unpack_iterator", "_struct", false);
    add_methods(
        &unpack_iterator,
        &[("__iter__", iter_self), ("__next__", iter_next), ("__length_hint__", iter_length_hint)],
    );
    let m = module::new_module("_struct").make_immortal();
    let d = module::module_dict(&m);
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("pack", pack),
        ("pack_into", pack_into),
        ("unpack", unpack),
        ("unpack_from", unpack_from),
        ("iter_unpack", iter_unpack),
        ("calcsize", calcsize),
        ("_clearcache", clearcache),
    ];
    for (name, f) in FUNCTIONS {
        dict::set_str(d, name, new_builtin(name, *f, None));
    }
    dict::set_str(d, "Struct", Value::Obj(struct_type.clone()));
    dict::set_str(d, "error", Value::Obj(error.clone()));
    Ok(STATE.get_or_init(|| State { module: m, error, struct_type, unpack_iterator }))
}

fn error_type() -> PyResult<&'static ObjRef> {
    Ok(&state()?.error)
}

/// The `_struct` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(state()?.module.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(f: &str) -> Layout {
        compile(f.as_bytes()).expect("valid format")
    }

    fn pack_ints(f: &str, vals: &[i64]) -> Vec<u8> {
        let l = layout(f);
        let vals: Vec<Value> = vals.iter().map(|v| Value::Int(*v)).collect();
        let mut out = vec![0u8; l.size];
        pack_values(&l, &vals, &mut out).expect("packs");
        out
    }

    #[test]
    fn sizes_and_native_alignment() {
        assert_eq!(layout("i").size, 4);
        assert_eq!(layout("@bi").size, 8);
        assert_eq!(layout("=bi").size, 5);
        assert_eq!(layout("bq0i").size, 16);
        assert_eq!(layout("5s3x2p").size, 10);
        assert_eq!(layout("@e?d").size, 16);
        assert_eq!(layout("< i").size, 4);
        assert_eq!(layout("l").size, 8);
        assert_eq!(layout("<l").size, 4);
        // `s` and `p` are one code each; `x` is none.
        assert_eq!(layout("3s2x4p").codes.len(), 2);
        assert_eq!(layout("3h").codes.len(), 3);
    }

    #[test]
    fn bad_formats_are_rejected() {
        for f in ["z", " <i", "3", "<n", ">P", "99999999999999999999i"] {
            assert!(compile(f.as_bytes()).is_err(), "{f}");
        }
    }

    #[test]
    fn integers_in_both_byte_orders() {
        assert_eq!(pack_ints("<ih", &[1, 2]), [1, 0, 0, 0, 2, 0]);
        assert_eq!(pack_ints(">ih", &[1, -2]), [0, 0, 0, 1, 0xff, 0xfe]);
        assert_eq!(pack_ints("@hxi", &[1, 2]), [1, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(pack_ints("<q", &[-1]), [0xff; 8]);
        let l = layout(">Q");
        let v = unpack_values(&l, &[0xff; 8]);
        assert_eq!(ops::format::repr(&v).unwrap(), "(18446744073709551615,)");
        let l = layout("<bhq");
        let v = unpack_values(&l, &[0x80, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(ops::format::repr(&v).unwrap(), "(-128, -32768, -1)");
    }

    #[test]
    fn half_floats_round_to_even() {
        assert_eq!(pack_half(1.5).unwrap(), 0x3e00);
        assert_eq!(pack_half(65519.0).unwrap(), 0x7bff);
        assert!(pack_half(65520.0).is_err());
        assert_eq!(pack_half(6e-8).unwrap(), 0x0001);
        assert_eq!(pack_half(1e-8).unwrap(), 0x0000);
        assert_eq!(pack_half(-0.0).unwrap(), 0x8000);
        assert_eq!(pack_half(f64::NAN).unwrap(), 0x7e00);
        assert_eq!(unpack_half(0x7c00), f64::INFINITY);
        assert_eq!(unpack_half(0x3e00), 1.5);
        assert_eq!(unpack_half(0x0001), 2f64.powi(-24));
    }
}
